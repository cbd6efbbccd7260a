import * as Realm from "realm-web";
import { beforeEach, describe, expect, it } from "vitest";
import { createMockApp, type MockEventType } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";

const ADA = "65a0000000000000000000e1";
const mock = createMockApp({
  id: "events-app",
  providers: { "anon-user": true, "local-userpass": true, "api-key": true },
  customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
  users: [{ id: ADA, email: "ada@example.com", password: "password1", customData: { n: 1 } }],
  schemas: [
    {
      service: "mongodb-atlas",
      database: "app",
      collection: "notes",
      schema: { title: "Note", properties: { _id: { bsonType: "objectId" }, a: { bsonType: "int" } } },
    },
  ],
  functions: {
    echo: (_context, value: unknown) => value,
    writeNote: async (context) => {
      await context.services
        .get("mongodb-atlas")
        .db("app")
        .collection("notes")
        .insertOne({ by: context.user.id });
      return "ok";
    },
  },
});
serve(mock);

const types = (): MockEventType[] => mock.events.list().map((e) => e.type);
const adaApp = async () => {
  const app = realmApp(mock);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return { app, user };
};

/** Runs `action` on a cleared journal and returns the event types it emitted, in order. */
async function emittedBy(action: () => Promise<unknown> | unknown): Promise<MockEventType[]> {
  mock.events.clear();
  await action();
  return types();
}

describe("each event is emitted by the action that causes it, and no other", () => {
  let ada: Awaited<ReturnType<typeof adaApp>>;
  beforeEach(async () => {
    ada = await adaApp();
  });

  it("anonymous login: user-created, logged-in", async () => {
    expect(await emittedBy(() => realmApp(mock).logIn(Realm.Credentials.anonymous()))).toEqual([
      "user-created",
      "logged-in",
    ]);
  });

  it("login of an existing user: logged-in only", async () => {
    expect(await emittedBy(adaApp)).toEqual(["logged-in"]);
  });

  it("profile refresh: nothing", async () => {
    expect(await emittedBy(() => ada.user.refreshProfile())).toEqual([]);
  });

  it("access-token refresh and custom-data refresh: access-token-refreshed with the custom data", async () => {
    expect(await emittedBy(() => ada.user.refreshAccessToken())).toEqual(["access-token-refreshed"]);
    expect(await emittedBy(() => ada.user.refreshCustomData())).toEqual(["access-token-refreshed"]);
    expect(mock.events.list({ type: "access-token-refreshed" })[0]?.customData).toMatchObject({ n: 1 });
  });

  it("link: identity-linked", async () => {
    const anonymous = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    await realmApp(mock).emailPasswordAuth.registerUser({ email: "new@example.com", password: "password2" });
    expect(
      await emittedBy(() =>
        anonymous.linkCredentials(Realm.Credentials.emailPassword("new@example.com", "password2")),
      ),
    ).toEqual(["identity-linked"]);
  });

  it("logout: logged-out", async () => {
    expect(await emittedBy(() => ada.user.logOut())).toEqual(["logged-out"]);
  });

  it("revocation: sessions-revoked", async () => {
    expect(await emittedBy(() => mock.users.revokeSessions(ADA))).toEqual(["sessions-revoked"]);
  });

  it("deletion through the SDK: user-deleted (the follow-up logout of a deleted user emits nothing)", async () => {
    expect(await emittedBy(() => ada.app.deleteUser(ada.user))).toEqual(["user-deleted"]);
  });

  it("test-side creation, disabling and enabling", async () => {
    expect(
      await emittedBy(() => mock.users.create({ email: "x@example.com", password: "password3" })),
    ).toEqual(["user-created"]);
    expect(await emittedBy(() => mock.users.disable(ADA))).toEqual(["user-disabled"]);
    expect(await emittedBy(() => mock.users.enable(ADA))).toEqual(["user-enabled"]);
  });

  it("function call: function-called; a function that writes adds mongodb-write", async () => {
    expect(await emittedBy(() => ada.user.callFunction("echo", 5))).toEqual(["function-called"]);
    expect(await emittedBy(() => ada.user.callFunction("writeNote"))).toEqual([
      "mongodb-write",
      "function-called",
    ]);
    expect(mock.events.list({ type: "function-called" })[0]).toMatchObject({
      name: "writeNote",
      userId: ADA,
      outcome: { ok: true, result: "ok" },
    });
  });

  it("MongoDB service writes: mongodb-write only; reads: nothing", async () => {
    const notes = ada.user.mongoClient("mongodb-atlas").db("app").collection("notes");
    expect(await emittedBy(() => notes.insertOne({ a: 1 }))).toEqual(["mongodb-write"]);
    expect(await emittedBy(() => notes.find({}))).toEqual([]);
    expect(mock.events.list()).toEqual([]);
  });

  it("API keys: created, disabled, enabled, deleted", async () => {
    const key = await ada.user.apiKeys.create("ci");
    expect(types().at(-1)).toBe("api-key-created");
    const id = String(key._id);
    expect(await emittedBy(() => ada.user.apiKeys.disable(id))).toEqual(["api-key-disabled"]);
    expect(await emittedBy(() => ada.user.apiKeys.enable(id))).toEqual(["api-key-enabled"]);
    expect(await emittedBy(() => ada.user.apiKeys.delete(id))).toEqual(["api-key-deleted"]);
  });

  it("GraphQL: graphql-executed per request; a mutation's write adds mongodb-write before it", async () => {
    const graphql = (query: string) =>
      fetch(`${mock.baseUrl}/api/client/v2.0/app/events-app/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${ada.user.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
    expect(await emittedBy(() => graphql("query Read { notes { a } }"))).toEqual(["graphql-executed"]);
    expect(mock.events.list()[0]).toMatchObject({
      userId: ADA,
      operationName: "Read",
      operationType: "query",
      errors: [],
    });
    expect(await emittedBy(() => graphql("mutation { insertOneNote(data: { a: 1 }) { a } }"))).toEqual([
      "mongodb-write",
      "graphql-executed",
    ]);
    expect(await emittedBy(() => graphql("{ nope }"))).toEqual(["graphql-executed"]);
    expect(mock.events.list()[0]).toMatchObject({ operationName: null, errors: [expect.any(String)] });
  });

  it("push registration and deregistration (raw fetch: realm-web 2.0.1 does not implement push)", async () => {
    const url = `${mock.baseUrl}/api/client/v2.0/app/events-app/push/providers/gcm/registration`;
    const headers = { authorization: `Bearer ${ada.user.accessToken}`, "content-type": "application/json" };
    expect(
      await emittedBy(() =>
        fetch(url, { method: "PUT", headers, body: JSON.stringify({ registrationToken: "device-token" }) }),
      ),
    ).toEqual(["push-registered"]);
    expect(await emittedBy(() => fetch(url, { method: "DELETE", headers }))).toEqual(["push-deregistered"]);
  });

  it("an injected fault: fault-injected only (the refused request changes nothing)", async () => {
    mock.faults.inject({ route: "functions", effect: { kind: "error", code: "InternalServerError" } });
    expect(await emittedBy(() => ada.user.callFunction("writeNote").catch(() => undefined))).toEqual([
      "fault-injected",
    ]);
    expect(mock.events.list()[0]).toMatchObject({ route: "functions", effect: "error", userId: ADA });
  });

  it("expiring tokens: tokens-expired", async () => {
    expect(await emittedBy(() => mock.time.expireAccessTokens(ADA))).toEqual(["tokens-expired"]);
    expect(await emittedBy(() => mock.time.expireRefreshTokens())).toEqual(["tokens-expired"]);
  });

  it("a refresh loop: refresh-loop once, after the refreshes that crossed the threshold (10 by default)", async () => {
    mock.faults.inject({ route: "profile", times: 12, effect: { kind: "error", code: "InvalidSession" } });
    const emitted = await emittedBy(() => ada.user.refreshProfile());
    expect(emitted.filter((t) => t === "refresh-loop")).toEqual(["refresh-loop"]);
    const before = emitted.slice(0, emitted.indexOf("refresh-loop"));
    expect(before.filter((t) => t === "access-token-refreshed")).toHaveLength(11);
    expect(before.at(-1)).toBe("access-token-refreshed");
    expect(mock.events.list({ type: "refresh-loop" })[0]).toMatchObject({
      userId: ADA,
      refreshes: 11,
      failingRoute: "GET /auth/profile",
    });
  });
});
