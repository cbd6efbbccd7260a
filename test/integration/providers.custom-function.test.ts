import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const payloads: Record<string, unknown>[] = [];
const direct = createMockApp({
  id: "fn-direct",
  functionTimeoutMs: 100,
  providers: {
    "anon-user": true,
    "custom-function": {
      authFunction: (payload) => {
        payloads.push(payload);
        if (payload.pin === "0000") throw new Error("wrong pin");
        if (payload.pin === "unauthorized") throw new Error("unauthorized");
        if (payload.named === true) return { id: `user-${String(payload.username)}`, name: "Named User" };
        if (payload.empty === true) return "";
        if (payload.hang === true) return new Promise<string>(() => undefined);
        return `user-${String(payload.username)}`;
      },
    },
  },
});
const named = createMockApp({
  id: "fn-named",
  functions: {
    pinLogin: {
      private: true,
      handler: (_context, payload) => {
        const { pin } = payload as { pin: number };
        if (pin !== 1234) throw new Error(`bad pin ${pin}`);
        return "pin-user";
      },
    },
  },
  providers: { "custom-function": { authFunctionName: "pinLogin" } },
});
const missing = createMockApp({
  id: "fn-missing",
  providers: { "custom-function": { authFunctionName: "nope" } },
});
serve(direct, named, missing);

const fnLogin = (mock: Parameters<typeof realmApp>[0], payload: Record<string, unknown>) =>
  realmApp(mock).logIn(Realm.Credentials.function(payload));

describe("custom function login", () => {
  it("gives the function the EJSON-decoded payload and logs the same id in as the same user", async () => {
    payloads.length = 0;
    const first = await fnLogin(direct, { username: "ada", n: 3, at: new Date(0) });
    expect(payloads).toEqual([{ username: "ada", n: 3, at: new Date(0) }]);
    expect(first.providerType).toBe("custom-function");
    expect(first.identities).toEqual([{ id: "user-ada", providerType: "custom-function" }]);
    const again = await fnLogin(direct, { username: "ada" });
    expect(again.id).toBe(first.id);
    const other = await fnLogin(direct, { username: "bob" });
    expect(other.id).not.toBe(first.id);
  });

  it("takes { id, name } and shows the name in the profile", async () => {
    const user = await fnLogin(direct, { username: "cy", named: true });
    expect(user.profile).toEqual({ name: "Named User" });
  });

  it("fails the login with the thrown message (401, no refresh markers)", async () => {
    const error = await realmFailure(fnLogin(direct, { username: "ada", pin: "0000" }));
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("AuthError");
    expect(error.error).toBe("wrong pin");
  });

  it("refuses an empty id", async () => {
    const error = await realmFailure(fnLogin(direct, { username: "ada", empty: true }));
    expect(error.error).toBe("authentication function must return a string id or { id }");
  });

  it("does not loop when a link fails with a message that reads 'unauthorized'", async () => {
    const user = await realmApp(direct).logIn(Realm.Credentials.anonymous());
    const error = await realmFailure(
      user.linkCredentials(Realm.Credentials.function({ pin: "unauthorized" })),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("invalid user link request: unauthorized");
    expect(direct.events.list({ type: "access-token-refreshed" })).toEqual([]);
  });

  it("resolves authFunctionName through createMockApp({ functions }), private functions included", async () => {
    const user = await fnLogin(named, { pin: 1234 });
    expect(user.identities).toEqual([{ id: "pin-user", providerType: "custom-function" }]);
    const error = await realmFailure(fnLogin(named, { pin: 1 }));
    expect(error.statusCode).toBe(401);
    expect(error.error).toBe("bad pin 1");
  });

  it("answers FunctionNotFound when the named auth function does not exist", async () => {
    const error = await realmFailure(fnLogin(missing, { pin: 1 }));
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("FunctionNotFound");
  });

  it("fails a login whose auth function hangs past the time limit, with AuthError", async () => {
    const error = await realmFailure(realmApp(direct).logIn(Realm.Credentials.function({ hang: true })));
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("AuthError");
    expect(error.error).toBe("execution time limit exceeded");
  });
});
