import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "config-app",
  providers: { "anon-user": false, "custom-function": { authFunction: () => "x" } },
});
const defaults = createMockApp({ id: "config-defaults" });
serve(mock, defaults);

describe("provider configuration", () => {
  it("turns on anonymous and email/password (only) when providers is omitted", async () => {
    await expect(realmApp(defaults).logIn(Realm.Credentials.anonymous())).resolves.toBeDefined();
    const error = await realmFailure(realmApp(defaults).logIn(Realm.Credentials.jwt("a.b.c")));
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("AuthProviderNotFound");
    expect(error.error).toBe("authentication via 'custom-token' is unsupported");
  });

  it("answers a provider configured as false with 400 ProviderDisabled", async () => {
    const error = await realmFailure(realmApp(mock).logIn(Realm.Credentials.anonymous()));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("ProviderDisabled");
    expect(error.error).toBe("authentication via 'anon-user' is disabled");
  });

  it("answers a provider left out of providers with 404 AuthProviderNotFound", async () => {
    const error = await realmFailure(
      realmApp(mock).logIn(Realm.Credentials.emailPassword("a@b.c", "secret1")),
    );
    expect(error.statusCode).toBe(404);
    expect(error.error).toBe("authentication via 'local-userpass' is unsupported");
    await expect(realmApp(mock).logIn(Realm.Credentials.function({}))).resolves.toBeDefined();
  });

  it.each([
    [{ "custom-token": true }, '"custom-token" needs settings'],
    [{ "custom-token": { signingKeys: [] } }, '"custom-token" needs 1 to 3 signingKeys'],
    [{ "custom-function": {} }, '"custom-function" needs { authFunction } or { authFunctionName }'],
    [{ "local-userpass": { autoConfirm: true, runConfirmationFunction: true } }, "cannot have both"],
    [{ "local-userpass": { runResetFunction: true } }, "runs a reset function but names none"],
  ] as const)("rejects inconsistent settings %j at creation", (providers, message) => {
    expect(() => createMockApp({ providers })).toThrow(message);
  });
});
