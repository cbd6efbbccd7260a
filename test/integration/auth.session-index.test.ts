// Sessions are indexed by user; every way a session starts or ends keeps the index right. Reference: the sessions
// the state holds, counted by a scan.
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const BOB = "65a000000000000000000002";
const mock = createMockApp({
  id: "session-index-app",
  users: [
    { id: ADA, email: "ada@example.com", password: "password1" },
    { id: BOB, email: "bob@example.com", password: "password2" },
  ],
});
serve(mock);

const logIn = (email: string, password: string) =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));
const counts = () => [mock.users.get(ADA)?.sessionCount, mock.users.get(BOB)?.sessionCount];

describe("sessions by user", () => {
  it("follow logins, logouts, revocations, token expiry, deletion, restore and reset", async () => {
    expect(counts()).toEqual([0, 0]);
    const ada1 = await logIn("ada@example.com", "password1");
    const seeded = mock.snapshot();
    const ada2 = await logIn("ada@example.com", "password1");
    await logIn("bob@example.com", "password2");
    expect(counts()).toEqual([2, 1]);
    await ada2.logOut();
    expect(counts()).toEqual([1, 1]);
    expect(mock.time.expireAccessTokens(ADA)).toBe(1);
    expect(mock.time.expireAccessTokens()).toBe(2);
    expect(counts()).toEqual([1, 1]);
    await ada1.refreshAccessToken();
    const withSessions = mock.snapshot();
    expect(mock.users.revokeSessions(ADA)).toBe(1);
    expect(counts()).toEqual([0, 1]);
    expect((await realmFailure(ada1.refreshAccessToken())).statusCode).toBe(401);
    mock.restore(seeded);
    expect(counts()).toEqual([1, 0]);
    mock.restore(withSessions);
    expect(counts()).toEqual([1, 1]);
    await logIn("ada@example.com", "password1");
    expect(mock.users.delete(BOB)).toBe(true);
    expect(mock.users.get(ADA)?.sessionCount).toBe(2);
    expect(mock.users.revokeSessions(ADA)).toBe(2);
    mock.reset();
    expect(counts()).toEqual([0, 0]);
    await logIn("bob@example.com", "password2");
    expect(counts()).toEqual([0, 1]);
  });
});
