import * as Realm from "realm-web";
import { describe, expect, it, vi } from "vitest";
import { createMockApp, type ManualClock } from "../../src/index.js";
import { jwtPayload, realmApp, realmFailure, serve } from "../support/realm.js";

const ADA = "65a0000000000000000000d1";
const BOB = "65a0000000000000000000d2";
const warnings: string[] = [];
const mock = createMockApp({
  id: "recovery-app",
  users: [
    { id: ADA, email: "ada@example.com", password: "password1" },
    { id: BOB, email: "bob@example.com", password: "password2" },
  ],
  functions: { ping: () => "pong" },
  logger: { warn: (message) => warnings.push(message) },
  refreshLoopGuard: { threshold: 5, windowMs: 60_000 },
});
serve(mock);

const logIn = (email = "ada@example.com", password = "password1") =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));
const types = () => mock.events.list().map((e) => e.type);

/** The reply to a raw call with an access token (what the SDK hides behind its refresh). */
async function rawCall(token: string | null): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${mock.baseUrl}/api/client/v2.0/app/recovery-app/functions/call`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "ping", arguments: [] }),
  });
  return { status: response.status, body: await response.json() };
}

describe("expired access tokens", () => {
  it("answer 401, realm-web refreshes, and the call succeeds", async () => {
    const user = await logIn();
    const stale = user.accessToken;
    mock.events.clear();
    expect(mock.time.expireAccessTokens(ADA)).toBe(1);
    expect(await rawCall(stale)).toEqual({
      status: 401,
      body: { error: "invalid session: access token expired", error_code: "InvalidSession" },
    });
    expect(await user.callFunction("ping")).toBe("pong");
    expect(user.accessToken).not.toBe(stale);
    expect(types()).toEqual(["tokens-expired", "access-token-refreshed", "function-called"]);
    expect(mock.events.list({ type: "tokens-expired" })[0]).toMatchObject({
      token: "access",
      userId: ADA,
      sessions: 1,
    });
  });

  it("of one user leave other users' tokens alone; without a user, every session's expire", async () => {
    const ada = await logIn();
    const bob = await logIn("bob@example.com", "password2");
    mock.time.expireAccessTokens(ADA);
    expect((await rawCall(bob.accessToken)).status).toBe(200);
    expect((await rawCall(ada.accessToken)).status).toBe(401);
    expect(mock.time.expireAccessTokens()).toBe(2);
    expect((await rawCall(bob.accessToken)).status).toBe(401);
    expect(await bob.callFunction("ping")).toBe("pong");
  });

  it("ten concurrent calls with an expired token each refresh and recover", async () => {
    const user = await logIn();
    mock.time.expireAccessTokens();
    mock.events.clear();
    const results = await Promise.all(Array.from({ length: 10 }, () => user.callFunction("ping")));
    expect(results).toEqual(Array(10).fill("pong"));
    expect(mock.events.list({ type: "function-called" })).toHaveLength(10);
    // Each 401 triggers its own refresh, and older tokens stay valid, so every retry succeeds.
    expect(mock.events.list({ type: "access-token-refreshed" })).toHaveLength(10);
  });
});

describe("expired or revoked refresh tokens", () => {
  it("expired: the refresh fails, realm-web logs the user out, and the next call fails without a request loop", async () => {
    const user = await logIn();
    expect(mock.time.expireRefreshTokens(ADA)).toBe(1);
    mock.events.clear();
    const error = await realmFailure(user.callFunction("ping"));
    expect([error.statusCode, error.errorCode]).toEqual([401, "InvalidSession"]);
    expect(error.message).toContain("failed to find refresh token");
    expect(error.url).toMatch(/\/auth\/session$/);
    expect(user.state).toBe("logged-out");
    expect([user.accessToken, user.refreshToken]).toEqual([null, null]);
    const next = await realmFailure(user.callFunction("ping"));
    expect([next.statusCode, next.errorCode]).toEqual([401, "InvalidSession"]);
    expect(mock.events.list({ type: "function-called" })).toEqual([]);
    // The user logs in again and works.
    expect(await (await logIn()).callFunction("ping")).toBe("pong");
  });

  it("revoked: the same recovery path", async () => {
    const user = await logIn();
    mock.users.revokeSessions(ADA);
    const error = await realmFailure(user.callFunction("ping"));
    expect([error.statusCode, error.errorCode]).toEqual([401, "InvalidSession"]);
    expect(user.state).toBe("logged-out");
    await user.logOut(); // swallowed: "failed to find refresh token"
  });
});

describe("token lifetimes at run time", () => {
  it("setTokenTtls shortens access tokens minted from now on; an expired one is refreshed; reset restores", async () => {
    expect(mock.time.tokenTtls()).toEqual({
      accessTokenTtlSeconds: 1800,
      refreshTokenTtlSeconds: 60 * 86_400,
    });
    mock.time.setTokenTtls({ accessTokenTtlSeconds: 60 });
    const user = await logIn();
    const payload = jwtPayload(user.accessToken);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
    (mock.clock as ManualClock).advance(61_000);
    mock.events.clear();
    expect(await user.callFunction("ping")).toBe("pong");
    expect(types()).toEqual(["access-token-refreshed", "function-called"]);
    expect(() => mock.time.setTokenTtls({ refreshTokenTtlSeconds: 0 })).toThrow(/≥ 1/);
    mock.reset();
    expect(mock.time.tokenTtls().accessTokenTtlSeconds).toBe(1800);
  });

  it("under vi.useFakeTimers(), advancing the timers expires tokens on the default clock", async () => {
    vi.useFakeTimers();
    try {
      mock.time.setTokenTtls({ accessTokenTtlSeconds: 60 });
      const user = await logIn();
      const stale = user.accessToken;
      vi.advanceTimersByTime(61_000);
      expect((await rawCall(stale)).status).toBe(401);
      expect(await user.callFunction("ping")).toBe("pong");
      mock.time.expireAccessTokens();
      expect(await user.callFunction("ping")).toBe("pong");
      expect(mock.events.list({ type: "access-token-refreshed" })).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a short refresh TTL ends sessions opened from now on once the clock passes it", async () => {
    mock.time.setTokenTtls({ refreshTokenTtlSeconds: 120, accessTokenTtlSeconds: 60 });
    const user = await logIn();
    (mock.clock as ManualClock).advance(121_000);
    const error = await realmFailure(user.callFunction("ping"));
    expect(error.errorCode).toBe("InvalidSession");
    expect(user.state).toBe("logged-out");
  });
});

describe("refresh-loop guard", () => {
  it("journals a refresh loop once and warns once, naming the user and the failing route", async () => {
    const user = await logIn();
    warnings.length = 0;
    mock.faults.inject({ route: "functions", times: 8, effect: { kind: "error", code: "InvalidSession" } });
    // realm-web refreshes and retries without limit: 8 injected 401s, 8 refreshes, then the call goes through.
    expect(await user.callFunction("ping")).toBe("pong");
    expect(mock.events.list({ type: "access-token-refreshed" })).toHaveLength(8);
    const loops = mock.events.list({ type: "refresh-loop" });
    expect(loops).toEqual([
      expect.objectContaining({
        userId: ADA,
        refreshes: 6,
        windowMs: 60_000,
        failingRoute: "POST /app/recovery-app/functions/call",
      }),
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`User ${ADA} refreshed its access token 6 times within 60000 ms`);
    expect(warnings[0]).toContain("POST /app/recovery-app/functions/call");
  });

  it("does not trip for refreshes spread wider than the window", async () => {
    const user = await logIn();
    for (let i = 0; i < 8; i++) {
      await user.refreshAccessToken();
      (mock.clock as ManualClock).advance(20_000);
    }
    expect(mock.events.list({ type: "refresh-loop" })).toEqual([]);
  });

  it("does not trip for refreshes the app asks for itself, however many", async () => {
    const user = await logIn();
    for (let i = 0; i < 12; i++) await user.refreshCustomData();
    for (let i = 0; i < 12; i++) await user.refreshAccessToken();
    expect(mock.events.list({ type: "access-token-refreshed" }).length).toBeGreaterThanOrEqual(24);
    expect(mock.events.list({ type: "refresh-loop" })).toEqual([]);
  });

  it("refuses a threshold below 1", () => {
    expect(() => createMockApp({ refreshLoopGuard: { threshold: 0 } })).toThrow(/threshold/);
  });
});
