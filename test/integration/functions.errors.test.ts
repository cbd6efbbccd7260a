import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type FunctionContext } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const mock = createMockApp({
  id: "function-errors-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  functionTimeoutMs: 100,
  functions: {
    ok: () => "fine",
    boom: () => {
      throw new Error("boom: the function failed");
    },
    rejects: async () => {
      await Promise.resolve();
      throw new TypeError("async failure");
    },
    throwsString: () => {
      throw "a plain string";
    },
    hangs: () => new Promise(() => undefined),
    slowWriter: async (context: FunctionContext) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await context.services
        .get("mongodb-atlas")
        .db("d")
        .collection("late")
        .insertOne({ wrote: "after the reset" });
    },
    lateFailure: () =>
      new Promise((_, reject) => setTimeout(() => reject(new Error("too late to matter")), 150)),
    secret: { handler: () => "hidden", private: true },
    missingService: (context: FunctionContext) =>
      context.services.get("nope").db("d").collection("c").count(),
    duplicate: async (context: FunctionContext) => {
      const items = context.services.get("mongodb-atlas").db("d").collection("c");
      await items.insertOne({ _id: 1 });
      await items.insertOne({ _id: 1 });
    },
  },
});
serve(mock);

const logIn = () => realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));

describe("function errors", () => {
  it("answers an unknown function with 404 FunctionNotFound", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("nope"));
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("FunctionNotFound");
    expect(error.message).toContain("function not found: 'nope'");
  });

  it("answers a throwing function with FunctionExecutionError and its message, then serves the next call", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("boom"));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("FunctionExecutionError");
    expect(error.error).toBe("boom: the function failed");
    expect(await user.callFunction("ok")).toBe("fine");
  });

  it("reports async rejections and non-Error throws", async () => {
    const user = await logIn();
    expect((await realmFailure(user.callFunction("rejects"))).error).toBe("async failure");
    expect((await realmFailure(user.callFunction("throwsString"))).error).toBe("a plain string");
  });

  it("stops a hanging function at the time limit with ExecutionTimeLimitExceeded", async () => {
    const user = await logIn();
    const started = Date.now();
    const error = await realmFailure(user.callFunction("hangs"));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.errorCode).toBe("ExecutionTimeLimitExceeded");
    expect(error.error).toBe("execution time limit exceeded");
    expect(await user.callFunction("ok")).toBe("fine");
  });

  it("ignores a timed-out function that rejects later (no unhandled rejection)", async () => {
    const user = await logIn();
    expect((await realmFailure(user.callFunction("lateFailure"))).errorCode).toBe(
      "ExecutionTimeLimitExceeded",
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await user.callFunction("ok")).toBe("fine");
  });

  it("refuses a client call of a private function with NotCallable", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("secret"));
    expect(error.errorCode).toBe("NotCallable");
    expect(error.error).toBe("function not callable: 'secret'");
  });

  it("answers an unknown MongoDB service with 404 ServiceNotFound", async () => {
    const user = await logIn();
    const error = await realmFailure(user.mongoClient("nope").db("d").collection("c").find());
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("ServiceNotFound");
    expect(error.error).toBe("service not found: 'nope'");
    // realm-web's fallback name is not a configured service either.
    const fallback = await realmFailure(
      user
        .mongoClient(undefined as unknown as string)
        .db("d")
        .collection("c")
        .count(),
    );
    expect(fallback.error).toBe("service not found: 'mongo-db'");
  });

  it("turns errors raised inside a function (unknown service, duplicate key) into FunctionExecutionError", async () => {
    const user = await logIn();
    const missing = await realmFailure(user.callFunction("missingService"));
    expect(missing.errorCode).toBe("FunctionExecutionError");
    expect(missing.error).toBe("service not found: 'nope'");
    const duplicate = await realmFailure(user.callFunction("duplicate"));
    expect(duplicate.errorCode).toBe("FunctionExecutionError");
    expect(duplicate.error).toContain("Duplicate key error");
  });

  it("requires a logged-in user", async () => {
    const reply = await fetch(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/functions/call`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ok", arguments: [] }),
    });
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error_code: string }).error_code).toBe("InvalidSession");
  });

  it("answers a streaming call of a user function with the mock-only 501", async () => {
    const user = await logIn();
    const error = await realmFailure(user.functions.callFunctionStreaming("ok"));
    expect(error.statusCode).toBe(501);
    expect(error.errorCode).toBe("NotImplemented");
  });

  it("drops the writes of a timed-out function that outlives a reset, so the next test's data stays clean", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("slowWriter"));
    expect(error.errorCode).toBe("ExecutionTimeLimitExceeded");
    mock.reset();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await mock.service("mongodb-atlas").db("d").collection("late").find()).toEqual([]);
    expect(mock.events.list({ type: "mongodb-write" })).toEqual([]);
  });
});
