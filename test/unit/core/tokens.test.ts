// Tokens are signed and verified synchronously with node:crypto in Node (WebCrypto in browsers: see
// test/unit/browser). They stay standard HS256 JWTs, and only this app's key verifies them.
import { base64url, jwtVerify, SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import { hmacSha256Sync } from "../../../src/hmac-sync.js";
import { createManualClock } from "../../../src/index.js";
import { AppRuntime } from "../../../src/runtime.js";
import type { SessionRecord } from "../../../src/state/types.js";
import { mintAccessToken, mintRefreshToken, verifyToken } from "../../../src/tokens.js";

const clock = createManualClock(1_700_000_000_000);
const runtimeOf = (id: string) => new AppRuntime({ id }, clock, { warn: vi.fn() });
const session: SessionRecord = {
  id: "s1",
  userId: "65a000000000000000000001",
  deviceId: "65a000000000000000000002",
  providerType: "anon-user",
  createdAt: clock.now(),
  expiresAt: clock.now() + 3_600_000,
};
const refuse = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: Error) => error.message,
  );

describe("tokens", () => {
  it("in Node the synchronous HMAC path is in use", () => {
    expect(hmacSha256Sync).toBeTypeOf("function");
  });

  it("are standard HS256 JWTs: jose verifies them with the app's key", async () => {
    const runtime = runtimeOf("tokens-a");
    const token = await mintAccessToken(runtime, session, { name: "ada" });
    const { payload, protectedHeader } = await jwtVerify(token, await runtime.signingKey, {
      currentDate: new Date(clock.now()),
    });
    expect(protectedHeader).toEqual({ alg: "HS256", typ: "JWT", kid: runtime.instanceKey });
    expect(payload).toMatchObject({ sub: session.userId, typ: "access", user_data: { name: "ada" } });
    expect(await verifyToken(runtime, token, "access")).toEqual(payload);
  });

  it("verify a token signed elsewhere with the app's key, and refuse other keys, tampering and alg none", async () => {
    const a = runtimeOf("tokens-b");
    const b = runtimeOf("tokens-c");
    const claims = { sub: "x", typ: "refresh", exp: Math.floor(clock.now() / 1000) + 60 };
    const external = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(await a.signingKey);
    expect(await verifyToken(a, external, "refresh")).toMatchObject(claims);
    expect(await refuse(verifyToken(b, external, "access"))).toBe("invalid session: signature is invalid");
    const minted = await mintRefreshToken(a, session);
    expect(await refuse(verifyToken(b, minted, "refresh"))).toBe(
      "invalid session: failed to find refresh token",
    );
    const [header, , signature] = external.split(".");
    const forged = `${header}.${base64url.encode(JSON.stringify({ ...claims, sub: "y" }))}.${signature}`;
    expect(await refuse(verifyToken(a, forged, "access"))).toBe("invalid session: signature is invalid");
    const none = `${base64url.encode('{"alg":"none"}')}.${base64url.encode(JSON.stringify(claims))}.`;
    expect(await refuse(verifyToken(a, none, "access"))).toBe("invalid session: signature is invalid");
  });

  it("expire against the injected clock, also once verified", async () => {
    const runtime = runtimeOf("tokens-d");
    const token = await mintAccessToken(runtime, session, undefined);
    await verifyToken(runtime, token, "access");
    clock.advance(runtime.accessTtl * 1000);
    expect(await refuse(verifyToken(runtime, token, "access"))).toBe("invalid session: access token expired");
  });
});
