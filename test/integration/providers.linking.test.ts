import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "linking-app",
  providers: {
    "anon-user": true,
    "local-userpass": true,
    "api-key": true,
    "custom-token": { signingKeys: ["linking-secret-linking-secret-0123"] },
    "custom-function": { authFunction: (payload) => String(payload.id) },
    "oauth2-google": true,
  },
  users: [
    {
      id: "65a0000000000000000000b1",
      email: "owner@example.com",
      password: "password1",
      identities: [{ provider: "custom-token", sub: "taken-sub" }],
    },
  ],
});
serve(mock);

const anonymous = () => realmApp(mock).logIn(Realm.Credentials.anonymous(false));

describe("linking credentials to the current user", () => {
  it("links a custom JWT to an anonymous user, keeping its id", async () => {
    const user = await anonymous();
    const token = await mock.tokens.customJwt({ sub: "jwt-new" });
    await user.linkCredentials(Realm.Credentials.jwt(token));
    expect(user.identities.map((i) => i.providerType)).toEqual(["anon-user", "custom-token"]);
    expect((await realmApp(mock).logIn(Realm.Credentials.jwt(token))).id).toBe(user.id);
    expect(mock.users.identities(user.id)).toEqual([
      { id: expect.any(String), providerType: "anon-user", data: {} },
      { id: "jwt-new", providerType: "custom-token", data: {} },
    ]);
  });

  it("links Google and a custom function to an email/password user", async () => {
    const app = realmApp(mock);
    await app.emailPasswordAuth.registerUser({ email: "multi@example.com", password: "password1" });
    const user = await app.logIn(Realm.Credentials.emailPassword("multi@example.com", "password1"));
    await user.linkCredentials(
      Realm.Credentials.google({ idToken: await mock.tokens.google({ sub: "g-9", name: "Multi" }) }),
    );
    await user.linkCredentials(Realm.Credentials.function({ id: "fn-9" }));
    expect(user.identities.map((i) => i.providerType)).toEqual([
      "local-userpass",
      "oauth2-google",
      "custom-function",
    ]);
    expect(user.profile).toEqual({ email: "multi@example.com", name: "Multi" });
    expect((await realmApp(mock).logIn(Realm.Credentials.function({ id: "fn-9" }))).id).toBe(user.id);
  });

  it("refuses to link an API key with 400 invalid user link request", async () => {
    const owner = await realmApp(mock).logIn(
      Realm.Credentials.emailPassword("owner@example.com", "password1"),
    );
    const { key } = await owner.apiKeys.create("k");
    const user = await anonymous();
    const error = await realmFailure(user.linkCredentials(Realm.Credentials.apiKey(key)));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("BadRequest");
    expect(error.error).toBe("invalid user link request: cannot link credentials of provider 'api-key'");
  });

  it("refuses an identity that belongs to another user, without refresh loops", async () => {
    const user = await anonymous();
    const error = await realmFailure(
      user.linkCredentials(Realm.Credentials.jwt(await mock.tokens.customJwt({ sub: "taken-sub" }))),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("invalid user link request: the identity is already linked to another user");
    expect(mock.events.list({ type: "access-token-refreshed" })).toEqual([]);
    expect(user.identities).toHaveLength(1);
  });

  it("refuses bad credentials with 400 (expired JWT, pending email user)", async () => {
    const user = await anonymous();
    const expired = await mock.tokens.customJwt({ sub: "late" }, { expiresIn: -5 });
    const jwtError = await realmFailure(user.linkCredentials(Realm.Credentials.jwt(expired)));
    expect(jwtError.statusCode).toBe(400);
    expect(jwtError.errorCode).toBe("AuthError");
    expect(jwtError.error).toBe("invalid user link request: token is expired");
    mock.users.create({
      identities: [
        { provider: "local-userpass", email: "pending@example.com", password: "password1", confirmed: false },
      ],
    });
    const pending = await realmFailure(
      user.linkCredentials(Realm.Credentials.emailPassword("pending@example.com", "password1")),
    );
    expect(pending.statusCode).toBe(400);
    expect(pending.errorCode).toBe("UserPendingConfirmation");
    expect(pending.error).toBe("invalid user link request: confirmation required");
    expect(user.isLoggedIn).toBe(true);
    expect(mock.events.list({ type: "access-token-refreshed" })).toEqual([]);
  });

  it("accepts relinking an identity the user already has", async () => {
    const user = await anonymous();
    const token = await mock.tokens.customJwt({ sub: "twice" });
    await user.linkCredentials(Realm.Credentials.jwt(token));
    await user.linkCredentials(Realm.Credentials.jwt(token));
    expect(user.identities).toHaveLength(2);
    expect(mock.events.list({ type: "identity-linked", userId: user.id })).toHaveLength(1);
  });
});
