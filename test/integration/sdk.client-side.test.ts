import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";
import { streamsOpened, take } from "../support/watch.js";

// realm-web members that work on the client (or read what the kit answered) and had no test of their own: the
// rows of docs/fidelity.md point here.
const mock = createMockApp({
  id: "client-side-app",
  users: [
    { email: "ada@example.com", password: "password1" },
    { email: "grace@example.com", password: "password2" },
  ],
  data: { "mongodb-atlas": { db: { notes: [{ _id: 1, text: "first" }] } } },
});
serve(mock);

const ada = () => Realm.Credentials.emailPassword("ada@example.com", "password1");
const grace = () => Realm.Credentials.emailPassword("grace@example.com", "password2");
const clientApi = `${mock.baseUrl}/api/client/v2.0/app/client-side-app`;

describe("realm-web's client-side members over the kit", () => {
  it("builds credentials through App.Credentials", async () => {
    const credentials = Realm.App.Credentials.anonymous(false);
    expect(credentials.providerName).toBe("anon-user");
    expect(credentials.providerType).toBe("anon-user");
    expect(credentials.reuse).toBe(false);
    expect(credentials.payload).toEqual({});
    const user = await realmApp(mock).logIn(credentials);
    expect(user.providerType).toBe("anon-user");
    expect(mock.users.get(user.id)?.identities.map((i) => i.providerType)).toEqual(["anon-user"]);
  });

  it("keeps users per app: switchUser, removeUser, allUsers, storage", async () => {
    const app = realmApp(mock);
    expect(app.id).toBe(mock.id);
    const first = await app.logIn(ada());
    const second = await app.logIn(grace());
    expect(first.app).toBe(app);
    expect(app.currentUser).toBe(second);
    app.switchUser(first);
    expect(app.currentUser).toBe(first);
    expect(Object.keys(app.allUsers).sort()).toEqual([first.id, second.id].sort());
    expect(app.storage.getUserIds().sort()).toEqual([first.id, second.id].sort());

    await app.removeUser(second);
    expect(Object.keys(app.allUsers)).toEqual([first.id]);
    expect(app.storage.getUserIds()).toEqual([first.id]);
    expect(second.state).toBe("removed");
    // Removing logs the user out: its session is gone on the kit's side too.
    expect(mock.events.list({ type: "logged-out", userId: second.id })).toHaveLength(1);
  });

  it("caches apps by id with App.getApp", async () => {
    // The default base URL: the kit's own default, so the cached app reaches the mock.
    expect(mock.baseUrl).toBe(Realm.DEFAULT_BASE_URL);
    const app = Realm.App.getApp(mock.id);
    expect(Realm.App.getApp(mock.id)).toBe(app);
    const user = await app.logIn(ada());
    expect(user.profile.email).toBe("ada@example.com");
    await user.logOut();
  });

  it("exposes the location, the device information and the fetcher's routes", async () => {
    const app = realmApp(mock);
    // The location reply's hostname: the origin the request reached.
    expect(await app.locationUrl).toBe(mock.baseUrl);
    const user = await app.logIn(ada());
    expect(app.deviceInformation.deviceId?.toHexString()).toBe(user.deviceId);
    expect(app.deviceInformation.sdkVersion).toMatch(/^\d+\.\d+\.\d+/);
    const location = await app.fetcher.fetchJSON({
      method: "GET",
      path: app.fetcher.appRoute.location().path,
      tokenType: "none",
    });
    expect(location).toMatchObject({ hostname: mock.baseUrl });
  });

  it("authenticates without creating a user through the authenticator", async () => {
    const app = realmApp(mock);
    const response = await app.authenticator.authenticate(ada());
    expect(response.userId).toBe(mock.users.list().find((u) => u.data.email === "ada@example.com")?.id);
    expect(response.accessToken.split(".")).toHaveLength(3);
    expect(app.currentUser).toBeNull();
  });

  it("serialises a user with toJSON", async () => {
    const user = await realmApp(mock).logIn(ada());
    expect(user.toJSON()).toEqual({
      id: user.id,
      accessToken: user.accessToken,
      refreshToken: user.refreshToken,
      profile: expect.objectContaining({ data: { email: "ada@example.com" }, type: "normal" }),
      state: "active",
      customData: {},
    });
  });

  it("builds a MongoDBRealmError from a refused request", async () => {
    const url = `${clientApi}/auth/providers/local-userpass/login`;
    const init = {
      method: "POST",
      body: JSON.stringify({ username: "ada@example.com", password: "wrong-one" }),
    };
    const error = await Realm.MongoDBRealmError.fromRequestAndResponse(url, init, await fetch(url, init));
    expect(error.url).toBe(url);
    expect(error.method).toBe("POST");
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("InvalidPassword");
    // The kit's error bodies carry no `link` (a Deviation).
    expect(error.link).toBeUndefined();
  });

  it("delivers a replace event for findOneAndReplace", async () => {
    const user = await realmApp(mock).logIn(ada());
    const notes = user
      .mongoClient("mongodb-atlas")
      .db("db")
      .collection<{ _id: number; text: string }>("notes");
    const opened = streamsOpened(1);
    const stream = notes.watch();
    const events = take(stream, 1);
    await opened;
    await notes.findOneAndReplace({ _id: 1 }, { text: "replaced" });
    const [event] = await events;
    expect(event).toMatchObject({
      operationType: "replace",
      documentKey: { _id: 1 },
      fullDocument: { _id: 1, text: "replaced" },
    });
    await stream.return(undefined);
  });
});
