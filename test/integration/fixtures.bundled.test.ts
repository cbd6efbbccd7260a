import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { bundledTodosFile, bundledUsersFile, loadDataFile, loadUsersFile } from "../../src/node/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const users = loadUsersFile(bundledUsersFile);
const data = loadDataFile(bundledTodosFile);
const mock = createMockApp({
  id: "fixture-files",
  users,
  data,
  providers: {
    "anon-user": true,
    "local-userpass": true,
    "api-key": true,
    "custom-token": { signingKeys: ["k"] },
  },
  customUserData: { database: "todo", collection: "profiles", userIdField: "userId" },
});
serve(mock);

describe("the bundled fixture files", () => {
  it("seed createMockApp: every user, and the todo documents", async () => {
    expect(mock.users.list().map((u) => u.id)).toEqual(users.map((u) => u.id));
    const items = await mock.service("mongodb-atlas").db("todo").collection("items").find();
    expect(items.length).toBeGreaterThan(0);
  });

  it("log in through realm-web with a fixture user's plain-text password, seeing its custom data", async () => {
    const withData = users.find((u) => u.customData !== undefined);
    if (!withData?.email || !withData.password) throw new Error("the users file has a user with custom data");
    const user = await realmApp(mock).logIn(
      Realm.Credentials.emailPassword(withData.email, withData.password),
    );
    expect(user.id).toBe(withData.id);
    expect(user.customData).toMatchObject({
      userId: withData.id,
      favoriteColor: withData.customData?.favoriteColor,
    });
  });

  it("keep the disabled user out", async () => {
    const disabled = users.find((u) => u.disabled);
    const error = await realmFailure(
      realmApp(mock).logIn(Realm.Credentials.emailPassword(disabled?.email ?? "", disabled?.password ?? "")),
    );
    expect(error.errorCode).toBe("UserDisabled");
  });

  it("log the server user in with its API key, as a user of type server", async () => {
    const server = users.find((u) => u.type === "server");
    const key = server?.apiKeys?.[0]?.key ?? "";
    const user = await realmApp(mock).logIn(Realm.Credentials.apiKey(key));
    expect(user.id).toBe(server?.id);
    expect(mock.users.get(user.id)?.type).toBe("server");
  });
});
