import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it, vi } from "vitest";

const mock = createMockApp({
  users: [{ email: "ada@example.com", password: "pw-123456" }],
  functions: { checkout: () => "paid" },
});
useMockApp(mock); // reset() after each test also removes every fault

const logIn = () =>
  createRealmApp(Realm.App, mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456"));

it("answers an App Services error on the next call of one function", async () => {
  const user = await logIn();
  mock.faults.inject({
    route: "functions",
    functionName: "checkout",
    effect: { kind: "error", code: "FunctionExecutionError", message: "card declined" },
  });
  await expect(user.callFunction("checkout")).rejects.toThrow("card declined");
  await expect(user.callFunction("checkout")).resolves.toBe("paid"); // times: 1 by default
  expect(mock).toHaveInjectedFault({ route: "functions", effect: "error" });
});

it("drops the connection, throttles, or is unavailable", async () => {
  const user = await logIn();
  mock.faults.inject({ route: "functions", effect: { kind: "network-error" } });
  await expect(user.callFunction("checkout")).rejects.toThrow(TypeError); // a dropped connection

  mock.faults.inject({ route: "mongodb", times: 2, effect: { kind: "rate-limit", retryAfterSeconds: 30 } });
  const todos = user.mongoClient("mongodb-atlas").db("app").collection("todos");
  await expect(todos.count()).rejects.toMatchObject({ statusCode: 429, errorCode: "TooManyRequests" });

  mock.faults.inject({ route: "login", effect: { kind: "unavailable" } }); // 503 with Retry-After
  await expect(logIn()).rejects.toMatchObject({ statusCode: 503 });
});

it("delays an answer on the mock's clock (fake timers work too)", async () => {
  const user = await logIn();
  vi.useFakeTimers();
  mock.faults.inject({ route: "functions", effect: { kind: "delay", ms: 30_000 } }); // clock: "real" waits real ms
  const call = user.callFunction("checkout");
  await vi.advanceTimersByTimeAsync(30_000);
  await expect(call).resolves.toBe("paid");
  vi.useRealTimers();
});

it("fails 30% of the calls, the same ones on every run", async () => {
  const user = await logIn();
  mock.faults.inject({
    route: "functions",
    times: "always",
    probability: 0.3,
    seed: "flaky",
    effect: { kind: "error" },
  });
  const outcomes = await Promise.all(
    Array.from({ length: 20 }, () =>
      user.callFunction("checkout").then(
        () => "ok",
        () => "failed",
      ),
    ),
  );
  expect(outcomes).toContain("failed");
  expect(outcomes).toContain("ok");
});

it("cuts a watch stream after two events", async () => {
  const user = await logIn();
  mock.faults.inject({
    route: "watch",
    namespace: "app.todos",
    effect: { kind: "cut-stream", afterEvents: 2 },
  });
  const todos = user.mongoClient("mongodb-atlas").db("app").collection("todos");
  const stream = todos.watch();
  await vi.waitFor(() => expect(mock).toHaveInjectedFault({ route: "watch" }));
  for (const title of ["a", "b", "c"]) await todos.insertOne({ title });
  const seen: string[] = [];
  for await (const change of stream) seen.push(change.operationType);
  expect(seen).toEqual(["insert", "insert"]); // the iterator ended after two events
});
