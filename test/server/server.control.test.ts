import { createControlClient } from "app-services-mock/client";
import { type MockHttpServer, startMockServer } from "app-services-mock/node";
import * as Realm from "realm-web";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, createMockApp, type MockApp } from "../../src/index.js";

const ada = { id: "65f000000000000000000001", email: "ada@example.com", password: "password1" };
const mock = createMockApp({
  id: "served-app",
  clock: createManualClock(Date.UTC(2026, 0, 1)),
  users: [ada, { id: "65f000000000000000000002", email: "bob@example.com", password: "password2" }],
  customUserData: { database: "app", collection: "users", userIdField: "userId" },
  providers: { "anon-user": true, "local-userpass": { autoConfirm: false } },
  functions: { sum: (_context, a: number, b: number) => a + b },
  data: { "mongodb-atlas": { app: { todos: [{ _id: 1, text: "seeded" }] } } },
});

/** Resolves when the server has answered the next watch request (its stream is then subscribed). */
let watchAnswered: (() => void) | undefined;
const observed: MockApp = {
  ...mock,
  handle: async (request) => {
    const response = await mock.handle(request);
    if (request.url.includes("baas_request=")) watchAnswered?.();
    return response;
  },
};

let server: MockHttpServer;
beforeAll(async () => {
  server = await startMockServer({ apps: [observed], port: 0 });
});
afterAll(() => server.close());
afterEach(() => mock.reset());

const realm = () => new Realm.App({ id: mock.id, baseUrl: server.url });
const client = () => createControlClient({ baseUrl: server.url, appId: mock.id });
const logInAda = () => realm().logIn(Realm.Credentials.emailPassword(ada.email, ada.password));

describe("realm-web over the socket", () => {
  it("logs in, calls a function, refreshes custom data and logs out against the real port", async () => {
    const user = await logInAda();
    expect(user.id).toBe(ada.id);
    expect(await user.callFunction("sum", 2, 3)).toBe(5);
    await user
      .mongoClient("mongodb-atlas")
      .db("app")
      .collection("users")
      .updateOne({ userId: user.id }, { $set: { plan: "pro" } }, { upsert: true });
    await user.refreshCustomData();
    expect(user.customData).toMatchObject({ plan: "pro" });
    await user.logOut();
    expect(mock.events.list({ userId: ada.id }).map((e) => e.type)).toEqual([
      "logged-in",
      "function-called",
      "mongodb-write",
      "access-token-refreshed",
      "logged-out",
    ]);
  });

  it("streams change events over the socket", async () => {
    const user = await logInAda();
    const todos = user.mongoClient("mongodb-atlas").db("app").collection("todos");
    const subscribed = new Promise<void>((resolve) => {
      watchAnswered = resolve;
    });
    const stream = todos.watch();
    const first = stream.next();
    await subscribed;
    await todos.insertOne({ _id: 2, text: "over the wire" });
    const { value } = await first;
    expect(value).toMatchObject({ operationType: "insert", fullDocument: { _id: 2, text: "over the wire" } });
    await stream.return(undefined);
  });
});

describe("hostile requests", () => {
  it("answers a Host header no URL can hold and a method Fetch forbids with 400, never 500", async () => {
    const { request } = await import("node:http");
    const send = (options: { method: string; headers?: Record<string, string> }) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const { port } = new URL(server.url);
        const outgoing = request({
          host: "127.0.0.1",
          port,
          path: "/api/client/v2.0/app/served-app/location",
          ...options,
        });
        outgoing.on("response", (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk.toString("utf8");
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        outgoing.on("error", reject);
        outgoing.end();
      });
    for (const reply of [
      await send({ method: "GET", headers: { host: "bad host^" } }),
      await send({ method: "TRACE" }),
    ]) {
      expect.soft(reply.status).toBe(400);
      expect.soft(JSON.parse(reply.body)).toMatchObject({ error_code: "BadRequest" });
    }
  });
});

describe("CORS", () => {
  it("answers a preflight for every method with the Authorization and Content-Type headers allowed", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      const reply = await fetch(`${server.url}/api/client/v2.0/auth/session`, {
        method: "OPTIONS",
        headers: {
          origin: "http://localhost:5173",
          "access-control-request-method": method,
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect.soft(reply.status).toBe(204);
      expect.soft(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      expect.soft(reply.headers.get("access-control-allow-methods")).toContain(method);
      expect.soft(reply.headers.get("access-control-allow-headers")).toBe("authorization, content-type");
    }
  });

  it("allows the origin and exposes the headers realm-web reads on every reply, errors included", async () => {
    const origin = { origin: "http://localhost:5173" };
    const ok = await fetch(`${server.url}/api/client/v2.0/app/served-app/location`, { headers: origin });
    const refused = await fetch(`${server.url}/api/client/v2.0/auth/profile`, { headers: origin });
    for (const reply of [ok, refused]) {
      expect.soft(reply.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
      expect.soft(reply.headers.get("access-control-expose-headers")).toBe("Content-Type, Location");
    }
    expect(refused.status).toBe(401);
    expect(((await ok.json()) as { hostname: string }).hostname).toBe(server.url);
  });
});

describe("control routes through the typed client", () => {
  it("resets to the seed, and snapshots and restores any point", async () => {
    const control = client();
    await control.users.create({ email: "eve@example.com", password: "password3" });
    const snapshot = await control.snapshot();
    await control.users.create({ email: "zed@example.com", password: "password4" });
    expect(await control.users.list()).toHaveLength(4);
    await control.restore(snapshot);
    expect((await control.users.list()).map((u) => u.email)).toEqual([
      "ada@example.com",
      "bob@example.com",
      "eve@example.com",
    ]);
    await control.reset();
    expect(await control.users.list()).toHaveLength(2);
    await expect(control.restore("snapshot-404")).rejects.toMatchObject({
      status: 404,
      errorCode: "SnapshotNotFound",
    });
  });

  it("lists, gets and creates users, typed like mock.users, with Dates decoded", async () => {
    const control = client();
    const created = await control.users.create({
      email: "eve@example.com",
      password: "password3",
      data: { n: 1 },
    });
    expect(created).toMatchObject({
      email: "eve@example.com",
      type: "normal",
      disabled: false,
      sessionCount: 0,
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await control.users.get(created.id)).toEqual(mock.users.get(created.id));
    const eve = await realm().logIn(Realm.Credentials.emailPassword("eve@example.com", "password3"));
    expect(eve.id).toBe(created.id);
  });

  it("refuses a bad user before writing anything, ids included", async () => {
    const control = client();
    const before = mock.snapshot();
    await expect(
      control.users.create({ email: "ada@example.com", password: "password9" }),
    ).rejects.toMatchObject({
      status: 409,
      errorCode: "AccountNameInUse",
    });
    await expect(
      control.users.create({ email: "x@example.com", password: "1" } as never),
    ).rejects.toMatchObject({ status: 400, errorCode: "BadRequest" });
    await expect(control.users.create({ id: ada.id, anonymous: true })).rejects.toMatchObject({
      status: 400,
    });
    await expect(control.users.create({ nope: 1 } as never)).rejects.toMatchObject({ status: 400 });
    expect(mock.snapshot()).toEqual(before);
  });

  it("disables, enables, revokes the sessions of and deletes a user", async () => {
    const control = client();
    const user = await logInAda();
    await control.users.disable(ada.id);
    expect((await control.users.get(ada.id)).disabled).toBe(true);
    await expect(logInAda()).rejects.toMatchObject({ statusCode: 401, errorCode: "UserDisabled" });
    await control.users.enable(ada.id);
    expect(await control.users.revokeSessions(ada.id)).toBe(1);
    await expect(user.refreshAccessToken()).rejects.toMatchObject({ statusCode: 401 });
    await control.users.delete(ada.id);
    await expect(control.users.get(ada.id)).rejects.toMatchObject({ status: 404, errorCode: "UserNotFound" });
    for (const attempt of [control.users.disable(ada.id), control.users.delete(ada.id)]) {
      await expect(attempt).rejects.toMatchObject({ status: 404, errorCode: "UserNotFound" });
    }
  });

  it("reads and clears the outbox", async () => {
    const control = client();
    await realm().emailPasswordAuth.registerUser({ email: "new@example.com", password: "password5" });
    const [message] = await control.outbox.list({ to: "new@example.com", kind: "confirmation" });
    expect(message).toMatchObject({ kind: "confirmation", via: "email", to: "new@example.com" });
    await realm().emailPasswordAuth.confirmUser({
      token: message?.token ?? "",
      tokenId: message?.tokenId ?? "",
    });
    expect(await control.outbox.list({ kind: "reset" })).toEqual([]);
    await control.outbox.clear();
    expect(await control.outbox.list()).toEqual([]);
    await expect(control.outbox.list({ kind: "spam" as never })).rejects.toMatchObject({ status: 400 });
  });

  it("reads events by type and user, and clears them", async () => {
    const control = client();
    const user = await logInAda();
    await user.callFunction("sum", 1, 1);
    const calls = await control.events.list({ type: "function-called", userId: ada.id });
    expect(calls).toMatchObject([{ type: "function-called", name: "sum", arguments: [1, 1] }]);
    expect(
      (await control.events.list({ type: ["logged-in", "function-called"] })).map((e) => e.type),
    ).toEqual(["logged-in", "function-called"]);
    await control.events.clear();
    expect(await control.events.list()).toEqual([]);
    await expect(control.events.list({ type: "nope" as never })).rejects.toMatchObject({
      status: 400,
      errorCode: "InvalidParameter",
    });
  });

  it("advances the clock, so access tokens expire and realm-web refreshes", async () => {
    const control = client();
    const user = await logInAda();
    const start = await control.clock.now();
    expect(await control.clock.advance(31 * 60_000)).toBe(start + 31 * 60_000);
    expect(await user.callFunction("sum", 1, 2)).toBe(3);
    expect(mock.events.list({ type: "access-token-refreshed" })).toHaveLength(1);
    await expect(control.clock.advance(Number.NaN)).rejects.toMatchObject({ status: 400 });
  });

  it("injects faults and expires tokens from another process: realm-web sees the fault, then recovers", async () => {
    const control = client();
    const user = await logInAda();
    const injected = await control.faults({
      action: "inject",
      fault: { route: "functions", functionName: "sum", effect: { kind: "error", code: "FunctionNotFound" } },
    });
    expect(injected).toMatchObject({ id: expect.any(String) });
    await expect(user.callFunction("sum", 1, 2)).rejects.toMatchObject({ statusCode: 404 });
    expect(await user.callFunction("sum", 1, 2)).toBe(3);
    expect(await control.events.list({ type: "fault-injected" })).toHaveLength(1);
    expect(await control.faults({ action: "expire-access-tokens", userId: ada.id })).toEqual({ sessions: 1 });
    expect(await user.callFunction("sum", 2, 2)).toBe(4);
    expect(mock.events.list({ type: "access-token-refreshed" })).toHaveLength(1);
    await expect(
      control.faults({ action: "inject", fault: { route: "nowhere" } } as never),
    ).rejects.toMatchObject({
      status: 400,
      errorCode: "BadRequest",
    });
    expect(await control.faults({ action: "list" })).toEqual({ faults: [] });
  });

  it("answers an unknown app, route or malformed body with App Services-shaped errors", async () => {
    const other = createControlClient({ baseUrl: server.url, appId: "nope" });
    await expect(other.reset()).rejects.toMatchObject({ status: 404, errorCode: "AppNotFound" });
    const root = `${server.url}/__mock/v1/apps/served-app`;
    const unknown = await fetch(`${root}/teleport`, { method: "POST" });
    expect(await unknown.json()).toEqual({
      error: "no route POST /__mock/v1/apps/served-app/teleport",
      error_code: "RouteNotFound",
    });
    const elsewhere = await fetch(`${server.url}/favicon.ico`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toEqual({
      error: "no route GET /favicon.ico",
      error_code: "RouteNotFound",
    });
    const malformed = await fetch(`${root}/users`, { method: "POST", body: "{" });
    expect(malformed.status).toBe(400);
    const proto = await fetch(`${root}/users`, { method: "POST", body: '{"__proto__": {"polluted": true}}' });
    expect(proto.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const badSegment = await fetch(`${root}/users/%E0%A4%A`);
    expect(badSegment.status).toBe(400);
  });
});
