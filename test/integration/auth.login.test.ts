import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp } from "../../src/index.js";
import { jwtPayload, realmApp, realmFailure, serve } from "../support/realm.js";

const clock = createManualClock(Date.UTC(2026, 0, 1));
const mock = createMockApp({
  id: "auth-app",
  clock,
  customUserData: { database: "app", collection: "custom", userIdField: "userId" },
  users: [
    {
      id: "65a000000000000000000001",
      email: "ada@example.com",
      password: "correct horse",
      customData: { plan: "pro" },
    },
    { id: "65a000000000000000000002", email: "bob@example.com", password: "hunter22", data: { name: "Bob" } },
  ],
});
serve(mock);

describe("anonymous login", () => {
  it("logs in a new anonymous user with JWT tokens whose sub is the user id", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.anonymous());
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(user.providerType).toBe("anon-user");
    expect(user.state).toBe("active");
    expect(user.isLoggedIn).toBe(true);
    expect(user.identities).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{24}-/), providerType: "anon-user" },
    ]);
    expect(user.profile).toEqual({});
    expect(jwtPayload(user.accessToken).sub).toBe(user.id);
    expect(jwtPayload(user.refreshToken).sub).toBe(user.id);
    expect(user.customData).toEqual({});
    expect(user.deviceId).toMatch(/^[0-9a-f]{24}$/);
    expect(mock.users.get(user.id)?.identities).toEqual([
      { id: user.identities[0]?.id, providerType: "anon-user" },
    ]);
  });

  it("creates a new server-side user for every anonymous login that the SDK does not reuse", async () => {
    const app = realmApp(mock);
    const first = await app.logIn(Realm.Credentials.anonymous(false));
    const second = await app.logIn(Realm.Credentials.anonymous(false));
    expect(first.id).not.toBe(second.id);
    expect(mock.users.list().map((u) => u.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    expect(mock.users.list()).toHaveLength(4);
  });
});

describe("email/password login", () => {
  it("logs in a seeded user and reads its profile, identities and custom data", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "correct horse"));
    expect(user.id).toBe("65a000000000000000000001");
    expect(user.providerType).toBe("local-userpass");
    expect(user.profile).toEqual({ email: "ada@example.com" });
    expect(user.identities).toEqual([
      { id: expect.stringMatching(/^[0-9a-f]{24}$/), providerType: "local-userpass" },
    ]);
    expect(user.customData).toMatchObject({ plan: "pro", userId: "65a000000000000000000001" });
    const json = JSON.parse(JSON.stringify(user)) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: user.id,
      state: "active",
      accessToken: user.accessToken,
      refreshToken: user.refreshToken,
      customData: { plan: "pro" },
    });
  });

  it("merges seeded profile data into the profile", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("bob@example.com", "hunter22"));
    expect(user.profile).toEqual({ email: "bob@example.com", name: "Bob" });
    expect(user.customData).toEqual({});
  });

  it("rejects a wrong password with a 401 MongoDBRealmError mentioning unauthorized", async () => {
    const app = realmApp(mock);
    const error = await app
      .logIn(Realm.Credentials.emailPassword("ada@example.com", "wrong password"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
    const realmError = error as Realm.MongoDBRealmError;
    expect(realmError.statusCode).toBe(401);
    expect(realmError.errorCode).toBe("InvalidPassword");
    expect(realmError.message).toContain("unauthorized");
  });

  it("rejects an unknown user with the same 401", async () => {
    const error = await realmFailure(
      realmApp(mock).logIn(Realm.Credentials.emailPassword("nobody@example.com", "whatever")),
    );
    expect(error.statusCode).toBe(401);
    expect(error.error).toBe("unauthorized");
  });

  it("echoes the stored device id on the next login", async () => {
    const app = realmApp(mock);
    const first = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "correct horse"));
    const second = await app.logIn(Realm.Credentials.emailPassword("bob@example.com", "hunter22"));
    expect(second.deviceId).toBe(first.deviceId);
  });
});
