import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp, type MockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

/** A promise the test resolves by hand, and a signal that the slow function was entered. */
function gate<T>() {
  let open!: (value: T) => void;
  let entered!: () => void;
  const released = new Promise<T>((resolve) => {
    open = resolve;
  });
  const started = new Promise<void>((resolve) => {
    entered = resolve;
  });
  const wait = () => {
    entered();
    return released;
  };
  return { open, started, wait };
}

function answered(response: Response | undefined): Response {
  if (!response) throw new Error("the mock passed the request on");
  return response;
}

const SEEDED = "65a0000000000000000000d1";
let loginGate = gate<string>();
let resetGate = gate<{ status: "success" }>();
let confirmGate = gate<{ status: "success" }>();
let callGate = gate<string>();

const mock = createMockApp({
  id: "fence-app",
  users: [{ id: SEEDED, email: "ada@example.com", password: "password1" }],
  providers: {
    "anon-user": true,
    "local-userpass": {
      runConfirmationFunction: true,
      confirmationFunction: () => confirmGate.wait(),
      resetFunction: () => resetGate.wait(),
    },
    "custom-function": { authFunction: () => loginGate.wait() },
  },
  functions: {
    slow: async (context) => {
      const value = await callGate.wait();
      await context.services.get("mongodb-atlas").db("app").collection("notes").insertOne({ value });
      return value;
    },
  },
});
serve(mock);

function freshGates(): void {
  loginGate = gate();
  resetGate = gate();
  confirmGate = gate();
  callGate = gate();
}

/** Starts `work`, resets the mock once the slow function is running, then lets the function finish. */
async function resetDuring<T>(work: Promise<T>, started: Promise<void>, open: () => void): Promise<T> {
  await started;
  mock.reset();
  open();
  return await work;
}

describe("a reset is a wall for requests in flight", () => {
  it("an async custom-function login started before a reset creates no user in the next state", async () => {
    freshGates();
    const login = realmApp(mock).logIn(Realm.Credentials.function({ who: "late" }));
    const error = await realmFailure(
      resetDuring(login, loginGate.started, () => loginGate.open("external-late")),
    );
    expect(error.statusCode).toBe(409);
    expect(error.errorCode).toBe("MockAppReset");
    expect(mock.users.list().map((u) => u.id)).toEqual([SEEDED]);
    expect(mock.events.list()).toEqual([]);
  });

  it("an in-flight reset function does not change the seeded user's password", async () => {
    freshGates();
    const app = realmApp(mock);
    const call = app.emailPasswordAuth.callResetPasswordFunction(
      { email: "ada@example.com", password: "changed1" },
      "extra",
    );
    const error = await realmFailure(
      resetDuring(call, resetGate.started, () => resetGate.open({ status: "success" })),
    );
    expect(error.errorCode).toBe("MockAppReset");
    await expect(
      app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1")),
    ).resolves.toBeDefined();
    await expect(
      realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "changed1")),
    ).rejects.toThrow(/unauthorized/);
  });

  it("an in-flight registration leaves no account behind", async () => {
    freshGates();
    const register = realmApp(mock).emailPasswordAuth.registerUser({
      email: "late@example.com",
      password: "password9",
    });
    const error = await realmFailure(
      resetDuring(register, confirmGate.started, () => confirmGate.open({ status: "success" })),
    );
    expect(error.errorCode).toBe("MockAppReset");
    expect(mock.users.findByEmail("late@example.com")).toBeUndefined();
    await expect(
      realmApp(mock).logIn(Realm.Credentials.emailPassword("late@example.com", "password9")),
    ).rejects.toThrow();
  });

  it("a function call in flight journals nothing and writes nothing into the next state", async () => {
    freshGates();
    const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    const call = user.callFunction("slow");
    await callGate.started;
    mock.reset();
    callGate.open("late");
    await expect(call).rejects.toThrow();
    const notes = await mock.service("mongodb-atlas").db("app").collection("notes").find({});
    expect(notes).toEqual([]);
    expect(mock.events.list()).toEqual([]);
  });

  it("restore() and close() are walls too", async () => {
    freshGates();
    const before = mock.snapshot();
    const login = realmApp(mock).logIn(Realm.Credentials.function({ who: "late" }));
    await loginGate.started;
    mock.restore(before);
    loginGate.open("external-late");
    expect((await realmFailure(login)).errorCode).toBe("MockAppReset");
    expect(mock.users.list()).toHaveLength(1);

    const closing = createMockApp({
      id: "fence-closing",
      providers: { "custom-function": { authFunction: () => loginGate.wait() } },
    });
    freshGates();
    const pending = closing.handle(
      new Request(
        "https://services.cloud.mongodb.com/api/client/v2.0/app/fence-closing/auth/providers/custom-function/login",
        {
          method: "POST",
          body: JSON.stringify({ who: "late" }),
        },
      ),
    );
    await loginGate.started;
    closing.close();
    loginGate.open("external-late");
    expect((await pending)?.status).toBe(409);
    expect(closing.users.list()).toEqual([]);
  });
});

describe("a refused request changes nothing", () => {
  it("a disabled user's custom-JWT login keeps the stored profile", async () => {
    const jwt = createMockApp({
      id: "fence-jwt",
      providers: {
        "custom-token": {
          signingKeys: ["a-secret-of-32-characters-long!!"],
          metadataFields: [{ name: "name" }],
        },
      },
      users: [
        {
          id: "65a0000000000000000000d2",
          disabled: true,
          identities: [{ provider: "custom-token", sub: "u1", data: { name: "Old Name" } }],
        },
      ],
    });
    const token = await jwt.tokens.customJwt({ sub: "u1", name: "New Name" });
    const reply = await jwt.handle(
      new Request(
        "https://services.cloud.mongodb.com/api/client/v2.0/app/fence-jwt/auth/providers/custom-token/login",
        {
          method: "POST",
          body: JSON.stringify({ token }),
        },
      ),
    );
    expect(reply?.status).toBe(401);
    expect(jwt.users.identities("65a0000000000000000000d2")[0]?.data).toEqual({ name: "Old Name" });
  });

  it("a registration its confirmation function refuses draws no id and keeps no account", async () => {
    const make = () =>
      createMockApp({
        id: "fence-register",
        clock: createManualClock(Date.UTC(2026, 0, 1)),
        providers: {
          "local-userpass": {
            confirmationFunction: ({ username }) => ({
              status: username.startsWith("no") ? "fail" : "success",
            }),
          },
        },
      });
    const register = (app: MockApp, email: string) =>
      app.handle(
        new Request(
          "https://services.cloud.mongodb.com/api/client/v2.0/app/fence-register/auth/providers/local-userpass/register",
          {
            method: "POST",
            body: JSON.stringify({ email, password: "password1" }),
          },
        ),
      );
    const touched = make();
    const twin = make();
    expect((await register(touched, "no@example.com"))?.status).toBe(400);
    expect((await register(touched, "yes@example.com"))?.status).toBe(201);
    expect((await register(twin, "yes@example.com"))?.status).toBe(201);
    const identityOf = async (app: MockApp) => {
      const login = await app.handle(
        new Request(
          "https://services.cloud.mongodb.com/api/client/v2.0/app/fence-register/auth/providers/local-userpass/login",
          {
            method: "POST",
            body: JSON.stringify({ username: "yes@example.com", password: "password1" }),
          },
        ),
      );
      const { user_id } = (await answered(login).json()) as { user_id: string };
      return app.users.identities(user_id)[0]?.id;
    };
    expect(await identityOf(touched)).toBe(await identityOf(twin));
    expect(touched.users.findByEmail("no@example.com")).toBeUndefined();
  });

  it("a rejected upsert draws no id: the next insert gets the same id as in an untouched twin", async () => {
    const make = () =>
      createMockApp({
        id: "fence-ids",
        clock: createManualClock(Date.UTC(2026, 0, 1)),
        providers: { "anon-user": true },
      });
    const touched = make();
    const twin = make();
    const insertedId = async (app: MockApp, rejectFirst: boolean) => {
      const api = "https://services.cloud.mongodb.com/api/client/v2.0";
      const login = await app.handle(
        new Request(`${api}/app/fence-ids/auth/providers/anon-user/login`, { method: "POST", body: "{}" }),
      );
      const { access_token } = (await answered(login).json()) as { access_token: string };
      const call = (name: string, arg: Record<string, unknown>) =>
        app.handle(
          new Request(`${api}/app/fence-ids/functions/call`, {
            method: "POST",
            headers: { authorization: `Bearer ${access_token}` },
            body: JSON.stringify({
              name,
              service: "mongodb-atlas",
              arguments: [{ database: "db", collection: "c", ...arg }],
            }),
          }),
        );
      if (rejectFirst) {
        const refused = await call("updateOne", {
          query: { a: 1 },
          update: { $set: { b: 1 }, $unset: { b: "" } },
          upsert: true,
        });
        expect(refused?.status).toBe(400);
      }
      const inserted = await call("insertOne", { document: { x: 1 } });
      return ((await answered(inserted).json()) as { insertedId: unknown }).insertedId;
    };
    expect(await insertedId(touched, true)).toEqual(await insertedId(twin, false));
  });
});
