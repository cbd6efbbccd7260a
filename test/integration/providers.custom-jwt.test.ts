import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const clock = createManualClock(Date.UTC(2026, 0, 1));
const mock = createMockApp({
  id: "jwt-app",
  clock,
  providers: {
    "anon-user": true,
    "custom-token": {
      signingKeys: ["a-very-long-signing-secret-of-32-chars"],
      audience: ["my-audience"],
      metadataFields: [
        { name: "email", required: true },
        { name: "user_data.name", fieldName: "name" },
        { name: "org\\.id", fieldName: "orgId" },
      ],
    },
  },
});
const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
const privatePem = await exportPKCS8(privateKey);
const rsa = createMockApp({
  id: "jwt-rsa",
  providers: { "custom-token": { signingAlgorithm: "RS256", signingKeys: [await exportSPKI(publicKey)] } },
});
serve(mock, rsa);

const jwtLogin = (app: Realm.App, token: string) => app.logIn(Realm.Credentials.jwt(token));

describe("custom JWT login", () => {
  it("logs in with a valid token and maps metadata fields into the profile", async () => {
    const token = await mock.tokens.customJwt({
      sub: "ext-1",
      email: "ada@example.com",
      user_data: { name: "Ada" },
      "org.id": "o-7",
    });
    const user = await jwtLogin(realmApp(mock), token);
    expect(user.providerType).toBe("custom-token");
    expect(user.profile).toEqual({ email: "ada@example.com", name: "Ada", orgId: "o-7" });
    expect(user.identities).toEqual([{ id: "ext-1", providerType: "custom-token" }]);
  });

  it("logs the same sub in as the same user and refreshes its metadata", async () => {
    const first = await jwtLogin(
      realmApp(mock),
      await mock.tokens.customJwt({ sub: "s", email: "old@example.com" }),
    );
    const again = await jwtLogin(
      realmApp(mock),
      await mock.tokens.customJwt({ sub: "s", email: "new@example.com" }),
    );
    expect(again.id).toBe(first.id);
    expect(again.profile.email).toBe("new@example.com");
    const other = await jwtLogin(
      realmApp(mock),
      await mock.tokens.customJwt({ sub: "t", email: "t@example.com" }),
    );
    expect(other.id).not.toBe(first.id);
  });

  it("refuses an expired token (against the mock clock) with 401", async () => {
    const token = await mock.tokens.customJwt({ sub: "x", email: "x@example.com" }, { expiresIn: 60 });
    clock.advance(61_000);
    const error = await realmFailure(jwtLogin(realmApp(mock), token));
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("AuthError");
    expect(error.error).toBe("token is expired");
  });

  it("refuses a token signed with another key", async () => {
    const token = await mock.tokens.customJwt(
      { sub: "x", email: "x@example.com" },
      { signingKey: "some-other-secret-that-is-long-enough" },
    );
    const error = await realmFailure(jwtLogin(realmApp(mock), token));
    expect(error.statusCode).toBe(401);
    expect(error.error).toBe("signature is invalid");
  });

  it("refuses a token for another audience", async () => {
    const token = await mock.tokens.customJwt({ sub: "x", email: "x@example.com", aud: "someone-else" });
    const error = await realmFailure(jwtLogin(realmApp(mock), token));
    expect(error.statusCode).toBe(401);
    expect(error.error).toBe("token audience does not match");
  });

  it("refuses a token without a required metadata field", async () => {
    const error = await realmFailure(jwtLogin(realmApp(mock), await mock.tokens.customJwt({ sub: "x" })));
    expect(error.statusCode).toBe(401);
    expect(error.error).toBe("required metadata field 'email' is missing");
  });

  it("refuses a malformed token", async () => {
    const error = await realmFailure(jwtLogin(realmApp(mock), "not-a-jwt"));
    expect(error.error).toBe("token contains an invalid number of segments");
  });

  it("verifies RS256 tokens with the configured public key", async () => {
    const token = await rsa.tokens.customJwt({ sub: "rsa-user" }, { signingKey: privatePem });
    const user = await jwtLogin(realmApp(rsa), token);
    expect(user.identities).toEqual([{ id: "rsa-user", providerType: "custom-token" }]);
    const { privateKey: otherKey } = await generateKeyPair("RS256");
    const forged = await rsa.tokens.customJwt({ sub: "rsa-user" }, { signingKey: otherKey });
    expect((await realmFailure(jwtLogin(realmApp(rsa), forged))).error).toBe("signature is invalid");
  });

  it("expects the app id as audience when none is configured", async () => {
    const good = await rsa.tokens.customJwt({ sub: "a" }, { signingKey: privatePem });
    await expect(jwtLogin(realmApp(rsa), good)).resolves.toBeDefined();
    const wrong = await rsa.tokens.customJwt({ sub: "a", aud: "other-app" }, { signingKey: privatePem });
    expect((await realmFailure(jwtLogin(realmApp(rsa), wrong))).error).toBe(
      "token audience does not match the app id",
    );
  });
});
