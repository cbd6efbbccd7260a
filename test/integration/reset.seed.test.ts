import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { pointOf } from "../../src/snapshot.js";
import { realmApp, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "reset-app",
  customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
  users: [
    {
      id: "65e000000000000000000001",
      email: "ada@example.com",
      password: "password1",
      customData: { theme: "dark" },
    },
  ],
  data: { "mongodb-atlas": { app: { notes: [{ _id: 1, text: "seeded" }] } } },
});
serve(mock);

describe("reset()", () => {
  it("returns to exactly the seed after users were created, data written, identities linked and sessions ended", async () => {
    const seed = mock.snapshot();
    const seedUsers = mock.users.list();
    const app = realmApp(mock);
    mock.users.create({ email: "extra@example.com", password: "password2" });
    const anonymous = await app.logIn(Realm.Credentials.anonymous());
    await app.emailPasswordAuth.registerUser({ email: "linked@example.com", password: "password3" });
    await anonymous.linkCredentials(Realm.Credentials.emailPassword("linked@example.com", "password3"));
    const notes = anonymous.mongoClient("mongodb-atlas").db("app").collection("notes");
    await notes.insertOne({ text: "written" });
    await notes.updateOne({ _id: 1 }, { $set: { text: "changed" } });
    await anonymous
      .mongoClient("mongodb-atlas")
      .db("app")
      .collection("profiles")
      .updateOne({ userId: "65e000000000000000000001" }, { $set: { theme: "light" } });
    const ada = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    await ada.logOut();
    expect(mock.users.list()).toHaveLength(3);
    expect(mock.events.list().length).toBeGreaterThan(5);

    mock.reset();

    // The state is the seed value itself, not a copy that merely looks alike.
    expect(pointOf(mock.snapshot())?.state).toBe(pointOf(seed)?.state);
    expect(mock.users.list()).toEqual(seedUsers);
    expect(mock.users.findByEmail("linked@example.com")).toBeUndefined();
    expect(mock.events.list()).toEqual([]);
    expect(await mock.service("mongodb-atlas").db("app").collection("notes").find({})).toEqual([
      { _id: 1, text: "seeded" },
    ]);
    expect(mock.users.get("65e000000000000000000001")?.customData).toMatchObject({ theme: "dark" });
  });

  it("makes tokens minted before the reset useless (their sessions are gone)", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    mock.reset();
    await expect(user.refreshProfile()).rejects.toThrow(/invalid session/);
    expect(user.isLoggedIn).toBe(false);
  });

  it("restores a snapshot taken mid-test", async () => {
    await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const snapshot = mock.snapshot();
    await realmApp(mock).logIn(Realm.Credentials.anonymous(false));
    expect(mock.users.list()).toHaveLength(3);
    mock.restore(snapshot);
    expect(mock.users.list()).toHaveLength(2);
    expect(mock.events.list({ type: "user-created" })).toHaveLength(1);
  });

  it("refuses a snapshot another mock app took, and changes nothing", async () => {
    await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const foreign = createMockApp({ id: "other-app" }).snapshot();
    expect(() => mock.restore(foreign)).toThrow(
      "mock.restore(snapshot) takes a value this mock app's snapshot() returned",
    );
    expect(mock.users.list()).toHaveLength(2);
  });
});
