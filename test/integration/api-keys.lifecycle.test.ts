import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const SERVER_KEY = "s".repeat(64);
const mock = createMockApp({
  id: "keys-app",
  providers: { "anon-user": true, "local-userpass": true, "api-key": true },
  users: [
    { id: "65a0000000000000000000a1", email: "ada@example.com", password: "password1" },
    { id: "65a0000000000000000000a2", email: "bob@example.com", password: "password2" },
    { id: "65a0000000000000000000f1", type: "server", apiKeys: [{ name: "ci", key: SERVER_KEY }] },
    {
      id: "65a0000000000000000000f2",
      type: "server",
      apiKeys: [{ name: "off", key: "d".repeat(64), disabled: true }],
    },
  ],
});
const keysOff = createMockApp({
  id: "keys-off",
  users: [{ email: "ada@example.com", password: "password1" }],
});
serve(mock, keysOff);

const ada = () => realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));

describe("user API keys", () => {
  it("creates a key whose secret is shown once and whose _id is a plain 24-hex string", async () => {
    const user = await ada();
    const created = await user.apiKeys.create("laptop");
    expect(created).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
      name: "laptop",
      disabled: false,
    });
    expect(await user.apiKeys.fetch(created._id)).toEqual({
      _id: created._id,
      name: "laptop",
      disabled: false,
    });
    await user.apiKeys.create("phone");
    expect(await user.apiKeys.fetchAll()).toEqual([
      { _id: created._id, name: "laptop", disabled: false },
      { _id: expect.any(String), name: "phone", disabled: false },
    ]);
    expect(mock.events.list({ type: "api-key-created" })).toMatchObject([
      { userId: user.id, keyId: created._id, name: "laptop" },
      { userId: user.id, name: "phone" },
    ]);
  });

  it("logs in with a key as its owner, until the key is disabled; enabling lets it in again", async () => {
    const owner = await ada();
    const { _id, key } = await owner.apiKeys.create("ci");
    const viaKey = await realmApp(mock).logIn(Realm.Credentials.apiKey(key));
    expect(viaKey.id).toBe(owner.id);
    // realm-web keeps the providerType of a user it already knows (shared storage), so check the server side.
    expect(mock.events.list({ type: "logged-in", userId: owner.id }).at(-1)?.provider).toBe("api-key");
    expect(mock.users.get(owner.id)?.type).toBe("normal");

    await owner.apiKeys.disable(_id);
    expect((await owner.apiKeys.fetch(_id)).disabled).toBe(true);
    const refused = await realmFailure(realmApp(mock).logIn(Realm.Credentials.apiKey(key)));
    expect(refused.statusCode).toBe(401);
    expect(refused.errorCode).toBe("InvalidPassword");

    await owner.apiKeys.enable(_id);
    await expect(realmApp(mock).logIn(Realm.Credentials.apiKey(key))).resolves.toBeDefined();
    expect(mock.events.list({ type: ["api-key-disabled", "api-key-enabled"] }).map((e) => e.type)).toEqual([
      "api-key-disabled",
      "api-key-enabled",
    ]);
  });

  it("deletes a key: it is gone from fetch and cannot log in", async () => {
    const owner = await ada();
    const { _id, key } = await owner.apiKeys.create("temp");
    await owner.apiKeys.delete(_id);
    const missing = await realmFailure(owner.apiKeys.fetch(_id));
    expect(missing.statusCode).toBe(404);
    expect(missing.errorCode).toBe("APIKeyNotFound");
    expect(missing.error).toBe("API key not found");
    expect(await owner.apiKeys.fetchAll()).toEqual([]);
    expect((await realmFailure(realmApp(mock).logIn(Realm.Credentials.apiKey(key)))).statusCode).toBe(401);
    expect(mock.events.list({ type: "api-key-deleted" })).toMatchObject([{ userId: owner.id, keyId: _id }]);
  });

  it("refuses a duplicate name with APIKeyAlreadyExists", async () => {
    const owner = await ada();
    await owner.apiKeys.create("twin");
    const error = await realmFailure(owner.apiKeys.create("twin"));
    expect(error.statusCode).toBe(409);
    expect(error.errorCode).toBe("APIKeyAlreadyExists");
  });

  it("hides other users' keys (404) and answers unknown ids with 404", async () => {
    const owner = await ada();
    const { _id } = await owner.apiKeys.create("mine");
    const bob = await realmApp(mock).logIn(Realm.Credentials.emailPassword("bob@example.com", "password2"));
    expect((await realmFailure(bob.apiKeys.fetch(_id))).errorCode).toBe("APIKeyNotFound");
    expect((await realmFailure(bob.apiKeys.delete(_id))).errorCode).toBe("APIKeyNotFound");
    expect((await realmFailure(bob.apiKeys.disable("65a0000000000000000000ff"))).statusCode).toBe(404);
    expect(await bob.apiKeys.fetchAll()).toEqual([]);
  });

  it("authenticates with the refresh token: a revoked session logs the user out", async () => {
    const owner = await ada();
    await owner.apiKeys.create("k");
    const list = (token: string | null) =>
      fetch(`${mock.baseUrl}/api/client/v2.0/auth/api_keys`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await list(owner.refreshToken)).status).toBe(200);
    const withAccess = await list(owner.accessToken);
    expect(withAccess.status).toBe(401);
    expect(await withAccess.json()).toMatchObject({ error_code: "InvalidSession" });
    mock.users.revokeSessions(owner.id);
    const error = await realmFailure(owner.apiKeys.fetchAll());
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("InvalidSession");
    expect(owner.state).toBe("logged-out");
  });

  it("deletes a user's keys with the user", async () => {
    const app = realmApp(mock);
    const owner = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    const { key } = await owner.apiKeys.create("k");
    await app.deleteUser(owner);
    expect((await realmFailure(realmApp(mock).logIn(Realm.Credentials.apiKey(key)))).statusCode).toBe(401);
  });

  it("refuses key routes and key logins when the api-key provider is off", async () => {
    const user = await realmApp(keysOff).logIn(
      Realm.Credentials.emailPassword("ada@example.com", "password1"),
    );
    const create = await realmFailure(user.apiKeys.create("k"));
    expect(create.errorCode).toBe("AuthProviderNotFound");
    expect(create.error).toBe(
      `user API keys need the 'api-key' auth provider enabled (providers: { "api-key": true }): authentication via 'api-key' is unsupported`,
    );
    expect(user.isLoggedIn).toBe(true);
    const login = await realmFailure(realmApp(keysOff).logIn(Realm.Credentials.apiKey("x".repeat(64))));
    expect(login.statusCode).toBe(404);
    expect(login.error).toBe("authentication via 'api-key' is unsupported");
  });
});

describe("server API keys", () => {
  it("logs a seeded server key in as its server user", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.apiKey(SERVER_KEY));
    expect(user.id).toBe("65a0000000000000000000f1");
    expect(mock.users.get(user.id)?.type).toBe("server");
    expect(mock.events.list({ type: "logged-in", userId: user.id })).toMatchObject([{ provider: "api-key" }]);
  });

  it("refuses a disabled server key", async () => {
    const error = await realmFailure(realmApp(mock).logIn(Realm.Credentials.apiKey("d".repeat(64))));
    expect(error.statusCode).toBe(401);
  });
});
