import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp } from "../../src/index.js";
import { jwtPayload, realmApp, realmFailure, serve } from "../support/realm.js";

const clock = createManualClock(Date.UTC(2026, 0, 1));
const ADA = { id: "65a000000000000000000001", email: "ada@example.com", password: "correct horse" };
const mock = createMockApp({
  id: "session-app",
  clock,
  users: [ADA, { email: "eve@example.com", password: "secret!" }],
});
serve(mock);

describe("token refresh", () => {
  it("refreshes an expired access token and retries the profile request", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    const before = user.accessToken;
    clock.advance(31 * 60 * 1000);
    await user.refreshProfile();
    expect(user.accessToken).not.toBe(before);
    const payload = jwtPayload(user.accessToken);
    expect(payload.iat).toBe(Math.floor(clock.now() / 1000));
    expect(payload.exp).toBe(Math.floor(clock.now() / 1000) + 1800);
    expect(user.profile.email).toBe(ADA.email);
    expect(mock.events.list({ type: "access-token-refreshed", userId: user.id })).toHaveLength(1);
  });

  it("keeps an older, unexpired access token valid after a refresh", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    const old = user.accessToken;
    clock.advance(1000);
    await user.refreshAccessToken();
    expect(user.accessToken).not.toBe(old);
    const reply = await fetch(`${mock.baseUrl}/api/client/v2.0/auth/profile`, {
      headers: { authorization: `Bearer ${old}` },
    });
    expect(reply.status).toBe(200);
  });

  it("leaves the user logged out on the next call after its sessions are revoked", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    expect(mock.users.revokeSessions(user.id)).toBe(1);
    const error = await realmFailure(user.refreshProfile());
    expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
    expect(error.statusCode).toBe(401);
    expect(user.state).toBe("logged-out");
    expect(user.isLoggedIn).toBe(false);
    expect(user.accessToken).toBeNull();
  });

  it("ends the session when the refresh token itself expires", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    clock.advance(61 * 24 * 60 * 60 * 1000);
    await expect(user.refreshProfile()).rejects.toThrow(/invalid session/);
    expect(user.state).toBe("logged-out");
  });
});

describe("logout", () => {
  it("logs out: state logged-out, the refresh token stops working server-side", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    const refresh = user.refreshToken;
    expect(mock.users.get(user.id)?.sessionCount).toBe(1);
    await user.logOut();
    expect(user.state).toBe("logged-out");
    expect(mock.users.get(user.id)?.sessionCount).toBe(0);
    const reply = await fetch(`${mock.baseUrl}/api/client/v2.0/auth/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${refresh}` },
    });
    expect(reply.status).toBe(401);
    expect(await reply.json()).toEqual({
      error: "invalid session: failed to find refresh token",
      error_code: "InvalidSession",
    });
  });

  it("does not throw when logging out a session that was already revoked", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    mock.users.revokeSessions(user.id);
    await expect(user.logOut()).resolves.toBeUndefined();
    expect(user.state).toBe("logged-out");
    await expect(user.logOut()).resolves.toBeUndefined();
  });

  it("ends only the session it was called for", async () => {
    const first = await realmApp(mock).logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    const second = await realmApp(mock).logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    expect(mock.users.get(ADA.id)?.sessionCount).toBe(2);
    await first.logOut();
    await second.refreshProfile();
    expect(second.isLoggedIn).toBe(true);
    expect(mock.users.get(ADA.id)?.sessionCount).toBe(1);
  });
});

describe("delete", () => {
  it("deletes the current user; logging in again with the same credentials fails with 401", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    await app.deleteUser(user);
    expect(mock.users.get(ADA.id)).toBeUndefined();
    expect(user.state).toBe("removed");
    const error = await realmFailure(app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password)));
    expect(error.statusCode).toBe(401);
    expect(error.message).toContain("unauthorized");
  });

  it("restores deleted seed users on reset", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.emailPassword(ADA.email, ADA.password));
    await app.deleteUser(user);
    mock.reset();
    expect(mock.users.get(ADA.id)?.email).toBe(ADA.email);
    expect(mock.users.get(ADA.id)?.sessionCount).toBe(0);
  });
});
