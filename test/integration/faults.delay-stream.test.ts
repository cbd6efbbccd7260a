import * as Realm from "realm-web";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createManualClock, createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { realmApp, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "delay-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  functions: { ping: () => "pong" },
});
const frozen = createMockApp({
  id: "frozen-app",
  clock: createManualClock(Date.UTC(2030, 0, 1)),
  users: [{ email: "ada@example.com", password: "password1" }],
  functions: { ping: () => "pong" },
});
serve(mock, frozen);
afterEach(() => {
  vi.useRealTimers();
});

const logIn = (app = mock) =>
  realmApp(app).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A call whose settling the test can observe without awaiting it. */
function observe<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
  const done = promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  );
  return { state, done };
}

describe("delays on the mock's clock", () => {
  it("hold the answer until mock.clock.advance covers the delay", async () => {
    const user = await logIn();
    mock.faults.inject({ route: "functions", effect: { kind: "delay", ms: 5000 } });
    const call = observe(user.callFunction("ping"));
    await realPause(30);
    (mock.clock as { advance(ms: number): void }).advance(4000);
    await realPause(30);
    expect(call.state.settled).toBe(false);
    (mock.clock as { advance(ms: number): void }).advance(1000);
    await call.done;
    expect(call.state.value).toBe("pong");
  });

  it("work under vi.useFakeTimers(): advancing the fake timers releases the request", async () => {
    const user = await logIn();
    vi.useFakeTimers();
    mock.faults.inject({ route: "functions", effect: { kind: "delay", ms: 60_000 } });
    const call = observe(user.callFunction("ping"));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(call.state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    await call.done;
    expect(call.state.value).toBe("pong");
  });

  it("work with a frozen manual clock", async () => {
    const user = await logIn(frozen);
    frozen.faults.inject({ route: "functions", effect: { kind: "delay", ms: 1000 } });
    const call = observe(user.callFunction("ping"));
    await realPause(30);
    expect(call.state.settled).toBe(false);
    (frozen.clock as { advance(ms: number): void }).advance(1000);
    await call.done;
    expect(call.state.value).toBe("pong");
  });

  it("a delay combines with a later fault on the same request: held first, then answered with the error", async () => {
    const user = await logIn(frozen);
    frozen.faults.inject({ route: "functions", effect: { kind: "delay", ms: 500 } });
    frozen.faults.inject({ route: "functions", effect: { kind: "error", code: "ServiceNotFound" } });
    const call = observe(user.callFunction("ping"));
    await realPause(30);
    expect(call.state.settled).toBe(false);
    (frozen.clock as { advance(ms: number): void }).advance(500);
    await call.done;
    expect(call.state.error).toMatchObject({ errorCode: "ServiceNotFound" });
    expect(frozen.events.list({ type: "fault-injected" }).map((e) => e.effect)).toEqual(["delay", "error"]);
  });

  it("a reset ends a held request with a network error", async () => {
    const user = await logIn();
    mock.faults.inject({ route: "functions", effect: { kind: "delay", ms: 60_000 } });
    const call = observe(user.callFunction("ping"));
    await realPause(30);
    mock.reset();
    await call.done;
    expect(call.state.error).toBeInstanceOf(TypeError);
  });
});

describe("real-time delays", () => {
  it("wait real milliseconds, even under fake timers", async () => {
    const user = await logIn();
    vi.useFakeTimers();
    mock.faults.inject({ route: "profile", effect: { kind: "delay", ms: 300, clock: "real" } });
    const call = observe(user.refreshProfile());
    await vi.advanceTimersByTimeAsync(600_000);
    expect(call.state.settled).toBe(false);
    await call.done;
    expect(call.state.error).toBeUndefined();
    expect(mock.events.list({ type: "fault-injected" })).toEqual([
      expect.objectContaining({ route: "profile", effect: "delay" }),
    ]);
  });
});

type Todo = { _id: number; title: string };

/** Resolves once `count` watch requests have been answered. */
function streamsOpened(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = ({ request }: { request: Request }) => {
      if (request.url.includes("/functions/call?baas_request=") && ++seen === count) {
        server.events.removeListener("response:mocked", listener);
        resolve();
      }
    };
    server.events.on("response:mocked", listener);
  });
}

async function watchTodos(ids: readonly number[], faultMode?: "close" | "error") {
  const user = await logIn();
  const todos = user.mongoClient("mongodb-atlas").db("db").collection<Todo>("todos");
  if (faultMode) {
    mock.faults.inject({
      route: "watch",
      namespace: "db.todos",
      effect: { kind: "cut-stream", afterEvents: 2, mode: faultMode },
    });
  }
  const opened = streamsOpened(1);
  const stream = todos.watch() as unknown as AsyncGenerator<{
    operationType: string;
    documentKey: { _id: number };
  }>;
  await opened;
  for (const _id of ids) await todos.insertOne({ _id, title: `todo ${_id}` });
  return stream;
}

describe("cut watch streams", () => {
  it("close: the client's iterator yields N events, then ends", async () => {
    const stream = await watchTodos([1, 2, 3], "close");
    expect((await stream.next()).value?.documentKey._id).toBe(1);
    expect((await stream.next()).value?.documentKey._id).toBe(2);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(mock.events.list({ type: "fault-injected" })[0]).toMatchObject({
      route: "watch",
      effect: "cut-stream",
    });
  });

  it("error: the client's iterator yields N events, then throws; a new watch works", async () => {
    const stream = await watchTodos([1, 2, 3], "error");
    expect((await stream.next()).value?.documentKey._id).toBe(1);
    expect((await stream.next()).value?.documentKey._id).toBe(2);
    await expect(stream.next()).rejects.toMatchObject({
      name: "WatchError",
      code: "InternalServerError",
      message: "watch stream cut by an injected fault",
    });
    const again = await watchTodos([4]);
    expect((await again.next()).value?.operationType).toBe("insert");
    mock.reset();
  });
});
