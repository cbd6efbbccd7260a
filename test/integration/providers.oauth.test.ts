import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "oauth-app",
  providers: {
    "anon-user": true,
    "oauth2-google": { clientId: "google-client" },
    "oauth2-facebook": true,
    "oauth2-apple": true,
  },
});
const strict = createMockApp({
  id: "oauth-strict",
  providers: { "oauth2-google": { metadataFields: [{ name: "email", required: true }, { name: "name" }] } },
});
serve(mock, strict);

const profile = {
  sub: "g-1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  firstName: "Ada",
  lastName: "Lovelace",
  picture: "https://example.com/ada.png",
};

/** `profile` as realm-web shows it (first_name → firstName, last_name → lastName, picture → pictureUrl). */
const adaProfile = {
  email: "ada@example.com",
  name: "Ada Lovelace",
  firstName: "Ada",
  lastName: "Lovelace",
  pictureUrl: "https://example.com/ada.png",
};

describe("OAuth 2.0 login with mock-minted tokens", () => {
  it("fills the Google profile; realm-web renames first_name, last_name and picture", async () => {
    const idToken = await mock.tokens.google(profile);
    const user = await realmApp(mock).logIn(Realm.Credentials.google({ idToken }));
    expect(user.providerType).toBe("oauth2-google");
    expect(user.profile).toEqual(adaProfile);
    expect(user.identities).toEqual([{ id: "g-1", providerType: "oauth2-google" }]);
  });

  it("accepts the token as a Google authCode and logs the same sub in as the same user", async () => {
    const first = await realmApp(mock).logIn(
      Realm.Credentials.google({ idToken: await mock.tokens.google(profile) }),
    );
    const authCode = await mock.tokens.google({ ...profile, name: "Countess" });
    const again = await realmApp(mock).logIn(Realm.Credentials.google({ authCode }));
    expect(again.id).toBe(first.id);
    expect(again.profile.name).toBe("Countess");
  });

  it("fills the Facebook profile, age range included", async () => {
    const token = await mock.tokens.facebook({ ...profile, sub: "fb-1", minAge: 21, gender: "female" });
    const user = await realmApp(mock).logIn(Realm.Credentials.facebook(token));
    expect(user.profile).toEqual({
      ...adaProfile,
      gender: "female",
      minAge: 21,
    });
  });

  it("gives Apple users no profile metadata", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.apple(await mock.tokens.apple(profile)));
    expect(user.profile).toEqual({});
    expect(user.identities).toEqual([{ id: "g-1", providerType: "oauth2-apple" }]);
  });

  it("refuses a token of another provider, a foreign token and an expired one", async () => {
    const facebookToken = await mock.tokens.facebook(profile);
    const crossed = await realmFailure(
      realmApp(mock).logIn(Realm.Credentials.google({ idToken: facebookToken })),
    );
    expect(crossed.statusCode).toBe(401);
    expect(crossed.errorCode).toBe("AuthError");
    expect(crossed.error).toBe("invalid oauth2-google token: minted for oauth2-facebook");
    const foreign = await realmFailure(realmApp(mock).logIn(Realm.Credentials.apple("a.b.c")));
    expect(foreign.error).toBe("invalid oauth2-apple token: not minted by this mock app's mock.tokens");
    const old = await mock.tokens.google(profile, { expiresIn: -1 });
    expect((await realmFailure(realmApp(mock).logIn(Realm.Credentials.google({ idToken: old })))).error).toBe(
      "token is expired",
    );
  });

  it("keeps only the configured metadata fields and requires the required ones", async () => {
    const user = await realmApp(strict).logIn(
      Realm.Credentials.google({ idToken: await strict.tokens.google(profile) }),
    );
    expect(user.profile).toEqual({ email: "ada@example.com", name: "Ada Lovelace" });
    const noEmail = await strict.tokens.google({ sub: "g-2", name: "Anon" });
    const error = await realmFailure(realmApp(strict).logIn(Realm.Credentials.google({ idToken: noEmail })));
    expect(error.error).toBe("required metadata field 'email' is missing");
  });
});

describe("OAuth 2.0 redirect flow", () => {
  it("answers the browser redirect login with 501 and a clear message", async () => {
    const reply = await fetch(
      `${mock.baseUrl}/api/client/v2.0/app/oauth-app/auth/providers/oauth2-google/login?state=abc&redirect=http%3A%2F%2Flocalhost%2Fcb`,
    );
    expect(reply.status).toBe(501);
    expect(await reply.json()).toEqual({
      error:
        "The OAuth 2.0 redirect flow of oauth2-google (log in with a token from mock.tokens.google/facebook/apple instead) is not emulated by app-services-mock",
      error_code: "NotImplemented",
    });
  });

  it("answers a redirect link with 501 through realm-web", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const error = await realmFailure(
      user.linkCredentials(Realm.Credentials.google({ redirectUrl: "http://localhost/cb" })),
    );
    expect(error.statusCode).toBe(501);
    expect(error.errorCode).toBe("NotImplemented");
    expect(user.isLoggedIn).toBe(true);
  });

  it("answers a token-less login request with 501", async () => {
    const reply = await fetch(
      `${mock.baseUrl}/api/client/v2.0/app/oauth-app/auth/providers/oauth2-facebook/login`,
      {
        method: "POST",
        body: JSON.stringify({ options: { device: {} } }),
      },
    );
    expect(reply.status).toBe(501);
  });
});
