import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, ROUTE_GROUPS, type RouteGroup } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

// What a dropped connection rejects with: msw 2 says "Failed to fetch", msw 3 (undici under Node 22) "fetch failed".
const NETWORK_ERROR = /^(Failed to fetch|fetch failed)$/;
const ADA = "65a0000000000000000000f1";
const mock = createMockApp({
  id: "faults-app",
  users: [
    { id: ADA, email: "ada@example.com", password: "password1" },
    { email: "bob@example.com", password: "password2" },
  ],
  data: { "mongodb-atlas": { shop: { orders: [{ _id: 1, total: 5 }] } } },
  functions: { checkout: () => "paid", ping: () => "pong" },
});
serve(mock);

const logIn = (email = "ada@example.com", password = "password1") =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));

/** Awaits a promise that must reject and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("error faults", () => {
  it("answer a catalogue error on the named function only, once by default, then the function works", async () => {
    const user = await logIn();
    const fault = mock.faults.inject({
      route: "functions",
      functionName: "checkout",
      effect: { kind: "error", code: "FunctionExecutionError", message: "card declined" },
    });
    expect(await user.callFunction("ping")).toBe("pong");
    const error = await realmFailure(user.callFunction("checkout"));
    expect(error.errorCode).toBe("FunctionExecutionError");
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("card declined");
    expect(fault.fired).toBe(1);
    expect(fault.active).toBe(false);
    expect(await user.callFunction("checkout")).toBe("paid");
    expect(mock.events.list({ type: "fault-injected" })).toEqual([
      expect.objectContaining({
        faultId: fault.id,
        route: "functions",
        effect: "error",
        request: "POST /app/faults-app/functions/call",
        userId: ADA,
      }),
    ]);
  });

  it("answer a status and message of the test's choosing", async () => {
    const user = await logIn();
    mock.faults.inject({ route: "profile", effect: { kind: "error", status: 502, message: "bad gateway" } });
    const error = await realmFailure(user.refreshProfile());
    expect([error.statusCode, error.errorCode, error.error]).toEqual([
      502,
      "InternalServerError",
      "bad gateway",
    ]);
  });

  it("fire on the next N matching requests, or on every one until cleared", async () => {
    const user = await logIn();
    mock.faults.inject({
      route: "functions",
      times: 2,
      effect: { kind: "error", code: "InternalServerError" },
    });
    await realmFailure(user.callFunction("ping"));
    await realmFailure(user.callFunction("ping"));
    expect(await user.callFunction("ping")).toBe("pong");
    const always = mock.faults.inject({ route: "functions", times: "always", effect: { kind: "error" } });
    for (let i = 0; i < 3; i++) await realmFailure(user.callFunction("ping"));
    expect(always.fired).toBe(3);
    always.clear();
    expect(await user.callFunction("ping")).toBe("pong");
  });

  it("match by user, MongoDB action and namespace", async () => {
    const ada = await logIn();
    const bob = await logIn("bob@example.com", "password2");
    mock.faults.inject({
      route: "mongodb",
      functionName: "insertOne",
      namespace: "shop.orders",
      userId: ADA,
      times: "always",
      effect: { kind: "error", code: "MongoDBError", message: "write conflict" },
    });
    const orders = (user: Realm.User) => user.mongoClient("mongodb-atlas").db("shop").collection("orders");
    expect((await realmFailure(orders(ada).insertOne({ total: 1 }))).error).toBe("write conflict");
    expect(await orders(ada).count()).toBe(1); // another action
    await ada.mongoClient("mongodb-atlas").db("shop").collection("other").insertOne({ a: 1 }); // another namespace
    expect((await orders(bob).insertOne({ _id: 2, total: 2 })).insertedId).toBe(2); // another user
    expect(await mock.service("mongodb-atlas").db("shop").collection("orders").count()).toBe(2);
  });

  it("match with a predicate over the request", async () => {
    const user = await logIn();
    mock.faults.inject({
      route: "functions",
      times: "always",
      when: (request) => request.bodyText?.includes('"big"') ?? false,
      effect: { kind: "error", code: "BadRequest", message: "too big" },
    });
    expect(await user.callFunction("ping", "small")).toBe("pong");
    expect((await realmFailure(user.callFunction("ping", "big"))).error).toBe("too big");
  });

  it("an injected 401 InvalidSession makes realm-web refresh and retry, as a real one does", async () => {
    const user = await logIn();
    mock.events.clear();
    mock.faults.inject({ route: "functions", effect: { kind: "error", code: "InvalidSession" } });
    expect(await user.callFunction("ping")).toBe("pong");
    expect(mock.events.list().map((e) => e.type)).toEqual([
      "fault-injected",
      "access-token-refreshed",
      "function-called",
    ]);
  });
});

describe("route groups", () => {
  it("each group is targeted by the request realm-web (or a raw client) sends for it", async () => {
    const user = await logIn();
    const db = user.mongoClient("mongodb-atlas").db("shop");
    const push = () =>
      fetch(`${mock.baseUrl}/api/client/v2.0/app/faults-app/push/providers/gcm/registration`, {
        method: "PUT",
        headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ registrationToken: "t" }),
      });
    const calls: Record<RouteGroup, () => Promise<unknown>> = {
      location: () => logIn(), // a fresh App asks for its location first
      login: () => logIn(),
      profile: () => user.refreshProfile(),
      session: () => user.refreshAccessToken(),
      functions: () => user.callFunction("ping"),
      mongodb: () => db.collection("orders").count(),
      watch: () => db.collection("orders").watch().next(),
      "api-keys": () => user.apiKeys.fetchAll(),
      "email-password": () =>
        realmApp(mock).emailPasswordAuth.registerUser({ email: "new@example.com", password: "password3" }),
      push,
      graphql: () =>
        fetch(`${mock.baseUrl}/api/client/v2.0/app/faults-app/graphql`, {
          method: "POST",
          headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({ query: "{ __typename }" }),
        }),
    };
    for (const group of ROUTE_GROUPS) {
      mock.faults.inject({ route: group, effect: { kind: "network-error" } });
      await expect(calls[group](), group).rejects.toThrow(NETWORK_ERROR);
      expect(mock.faults.list(), group).toEqual([]);
    }
    expect(mock.events.list({ type: "fault-injected" }).map((e) => e.route)).toEqual([...ROUTE_GROUPS]);
  });
});

describe("network errors", () => {
  it("drop the connection: realm-web's fetch rejects with a TypeError, and the next call works", async () => {
    const user = await logIn();
    mock.faults.inject({ route: "functions", effect: { kind: "network-error" } });
    const error = await rejection(user.callFunction("checkout"));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toMatch(NETWORK_ERROR);
    expect(await user.callFunction("checkout")).toBe("paid");
    expect(mock.events.list({ type: "function-called" })).toHaveLength(1);
  });
});

describe("429 and 503", () => {
  it("answer 429 TooManyRequests and 503 ServiceUnavailable with Retry-After", async () => {
    mock.faults.inject({ route: "login", effect: { kind: "rate-limit", retryAfterSeconds: 30 } });
    const throttled = await realmFailure(logIn());
    expect([throttled.statusCode, throttled.statusText, throttled.errorCode]).toEqual([
      429,
      "Too Many Requests",
      "TooManyRequests",
    ]);
    mock.faults.inject({ route: "location", effect: { kind: "unavailable" } });
    const response = await fetch(`${mock.baseUrl}/api/client/v2.0/app/faults-app/location`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ error: "service unavailable", error_code: "ServiceUnavailable" });
  });

  it("a 503 on login fails that login only; the app logs in on the next attempt", async () => {
    const app = realmApp(mock);
    mock.faults.inject({ route: "login", effect: { kind: "unavailable", retryAfterSeconds: 5 } });
    const error = await realmFailure(
      app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1")),
    );
    expect(error.statusCode).toBe(503);
    expect(error.errorCode).toBe("ServiceUnavailable");
    expect(app.currentUser).toBeNull();
    const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    expect(app.currentUser?.id).toBe(user.id);
    expect(await user.callFunction("ping")).toBe("pong");
  });
});

describe("probabilistic faults", () => {
  /** Which of 40 calls failed, for a fault with this seed. */
  async function pattern(seed: string): Promise<string> {
    const user = await logIn();
    mock.faults.inject({
      route: "functions",
      times: "always",
      probability: 0.3,
      seed,
      effect: { kind: "error" },
    });
    let out = "";
    for (let i = 0; i < 40; i++) {
      out += await user.callFunction("ping").then(
        () => ".",
        () => "x",
      );
    }
    mock.faults.clear();
    return out;
  }

  it("repeat exactly for the same seed and differ for another; the rate is near the probability", async () => {
    const first = await pattern("run-1");
    expect(await pattern("run-1")).toBe(first);
    expect(await pattern("run-2")).not.toBe(first);
    const failures = [...first].filter((c) => c === "x").length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it("repeat across resets without a seed (the default seed is the fault's position since the reset)", async () => {
    const run = async () => {
      mock.reset();
      const user = await logIn();
      mock.faults.inject({
        route: "functions",
        times: "always",
        probability: 0.5,
        effect: { kind: "error" },
      });
      const out: boolean[] = [];
      for (let i = 0; i < 20; i++)
        out.push(
          await user.callFunction("ping").then(
            () => true,
            () => false,
          ),
        );
      return out;
    };
    expect(await run()).toEqual(await run());
  });
});

describe("lifecycle of faults", () => {
  it("clear() and reset() remove every fault; list() shows them as plain data", async () => {
    const first = mock.faults.inject({
      route: ["functions", "mongodb"],
      times: 3,
      effect: { kind: "error" },
    });
    mock.faults.inject({ route: "profile", when: () => true, effect: { kind: "network-error" } });
    expect(JSON.parse(JSON.stringify(mock.faults.list()))).toEqual([
      {
        id: first.id,
        spec: { route: ["functions", "mongodb"], times: 3, probability: 1, effect: { kind: "error" } },
        hasPredicate: false,
        fired: 0,
        remaining: 3,
      },
      expect.objectContaining({ hasPredicate: true, remaining: 1 }),
    ]);
    expect(mock.faults.clear()).toBe(2);
    mock.faults.inject({ route: "functions", effect: { kind: "error" } });
    mock.reset();
    expect(mock.faults.list()).toEqual([]);
    const snapshot = mock.snapshot();
    const stale = mock.faults.inject({ route: "functions", effect: { kind: "error" } });
    mock.restore(snapshot);
    expect(mock.faults.list()).toEqual([]);
    expect(stale.active).toBe(false);
    const fresh = mock.faults.inject({ route: "profile", effect: { kind: "error" } });
    stale.clear(); // same id after the restore, but another fault: left alone
    expect(fresh.id).toBe(stale.id);
    expect(fresh.active).toBe(true);
    fresh.clear();
    const user = await logIn();
    expect(await user.callFunction("ping")).toBe("pong");
  });

  it("refuses a description that does not hold together, naming the field", () => {
    const inject = (spec: unknown) => () => mock.faults.inject(spec as never);
    expect(inject({ route: "nope", effect: { kind: "error" } })).toThrow(/route must be one of/);
    expect(inject({ route: "functions", effect: { kind: "explode" } })).toThrow(/effect.kind/);
    expect(inject({ route: "functions", effect: { kind: "error", code: "Nope" } })).toThrow(/effect.code/);
    expect(inject({ route: "functions", times: 0, effect: { kind: "error" } })).toThrow(/times/);
    expect(inject({ route: "functions", probability: 2, effect: { kind: "error" } })).toThrow(/probability/);
    expect(inject({ route: "functions", effect: { kind: "cut-stream", afterEvents: 1 } })).toThrow(/watch/);
    expect(inject({ route: "functions", efect: { kind: "error" } })).toThrow(/unknown field "efect"/);
    expect(mock.faults.list()).toEqual([]);
  });
});
