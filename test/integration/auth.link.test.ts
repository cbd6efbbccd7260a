import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "link-app",
  users: [{ id: "65a0000000000000000000aa", email: "taken@example.com", password: "password2" }],
});
serve(mock);

describe("linking credentials", () => {
  it("links email/password to an anonymous user, keeping its id and listing both identities", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.anonymous());
    const anonymousId = user.id;
    await app.emailPasswordAuth.registerUser({ email: "fresh@example.com", password: "password3" });
    await user.linkCredentials(Realm.Credentials.emailPassword("fresh@example.com", "password3"));
    expect(user.id).toBe(anonymousId);
    expect(user.identities.map((i) => i.providerType)).toEqual(["anon-user", "local-userpass"]);
    expect(user.profile.email).toBe("fresh@example.com");
    expect(mock.users.findByEmail("fresh@example.com")?.id).toBe(anonymousId);
    expect(mock.events.list({ type: "identity-linked", userId: anonymousId })).toHaveLength(1);
    // The linked credentials now log in as the same user.
    const again = await realmApp(mock).logIn(
      Realm.Credentials.emailPassword("fresh@example.com", "password3"),
    );
    expect(again.id).toBe(anonymousId);
  });

  it("rejects linking an identity that belongs to another user with a 400, without refresh loops", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.anonymous());
    const before = mock.events.list({ type: "access-token-refreshed" }).length;
    const error = await realmFailure(
      user.linkCredentials(Realm.Credentials.emailPassword("taken@example.com", "password2")),
    );
    expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toContain("invalid user link request");
    expect(error.message).toContain("already linked to another user");
    expect(mock.events.list({ type: "access-token-refreshed" }).length).toBe(before);
    expect(user.identities).toHaveLength(1);
  });

  it("rejects a link with a wrong password with a 400 instead of a 401 loop", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const error = await realmFailure(
      user.linkCredentials(Realm.Credentials.emailPassword("taken@example.com", "wrong")),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("InvalidPassword");
    expect(user.isLoggedIn).toBe(true);
  });
});
