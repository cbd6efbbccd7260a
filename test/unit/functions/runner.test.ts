import { ObjectId } from "bson";
import * as Realm from "realm-web";
import { afterEach, describe, expect, it, vi } from "vitest";
import { systemUser } from "../../../src/functions/context.js";
import { FunctionRunner, type Invocation } from "../../../src/functions/runner.js";
import type { FunctionContext, MockAppOptions } from "../../../src/index.js";
import { createManualClock } from "../../../src/index.js";
import { AppRuntime } from "../../../src/runtime.js";
import { toLocalBson } from "../../../src/services/foreign-bson.js";
import { MongoServices } from "../../../src/services/mongo-services.js";

function setup(options: MockAppOptions) {
  const runtime = new AppRuntime(options, createManualClock(0), { warn: vi.fn() });
  const services = new MongoServices(runtime);
  return { runtime, services, runner: new FunctionRunner(runtime, services) };
}

const caller: Invocation = {
  callerId: "65a000000000000000000001",
  user: { ...systemUser(), id: "65a000000000000000000001", type: "normal" },
  request: undefined,
};

afterEach(() => {
  vi.useRealTimers();
});

describe("function runner", () => {
  it("measures the time limit in real time, even under fake timers", async () => {
    const { runner } = setup({
      functionTimeoutMs: 20,
      functions: { hangs: () => new Promise(() => undefined) },
    });
    vi.useFakeTimers();
    await expect(runner.callFromClient("hangs", [], caller)).rejects.toMatchObject({
      code: "ExecutionTimeLimitExceeded",
    });
  });

  it("runs system calls with private functions allowed, journaled without a user", async () => {
    const { runner, runtime } = setup({
      functions: { secret: { handler: (context, n: number) => [context.user.type, n * 2], private: true } },
    });
    expect(await runner.executeAsSystem("secret", [21])).toEqual(["system", 42]);
    expect(runtime.state.journal.toArray()).toEqual([
      expect.objectContaining({ type: "function-called", userId: null, name: "secret", arguments: [21] }),
    ]);
  });

  it("lets system calls see the function's own error unchanged", async () => {
    const failure = new RangeError("nope");
    const { runner } = setup({
      functions: {
        fails: () => {
          throw failure;
        },
      },
    });
    await expect(runner.executeAsSystem("fails", [])).rejects.toBe(failure);
    await expect(runner.executeAsSystem("missing", [])).rejects.toMatchObject({ code: "FunctionNotFound" });
  });

  it("does not find inherited property names as functions", async () => {
    const { runner } = setup({ functions: {} });
    await expect(runner.callFromClient("constructor", [], caller)).rejects.toMatchObject({
      code: "FunctionNotFound",
    });
  });

  it("encodes realm-web (bson 4) values a function returns", async () => {
    const { runner } = setup({
      functions: { id: () => ({ id: new Realm.BSON.ObjectId("65a000000000000000000009") }) },
    });
    expect(await runner.callFromClient("id", [], caller)).toBe('{"id":{"$oid":"65a000000000000000000009"}}');
  });
});

describe("system rights and can_evaluate", () => {
  const view = (context: FunctionContext) => ({ id: context.user.id, system: context.runningAsSystem() });

  it("gives a runAsSystem function its caller as context.user, with runningAsSystem() true", async () => {
    const { runner } = setup({
      functions: {
        sys: { handler: view, runAsSystem: true },
        plain: view,
        callsPlain: { handler: (c) => c.functions.execute("plain"), runAsSystem: true },
      },
    });
    expect(await runner.callFromClient("sys", [], caller)).toBe(
      '{"id":"65a000000000000000000001","system":true}',
    );
    expect(await runner.callFromClient("plain", [], caller)).toBe(
      '{"id":"65a000000000000000000001","system":false}',
    );
    // A function executed by a system function keeps the system rights.
    expect(await runner.callFromClient("callsPlain", [], caller)).toBe(
      '{"id":"65a000000000000000000001","system":true}',
    );
    expect(await runner.executeAsSystem("plain", [])).toEqual({
      id: "000000000000000000000000",
      system: true,
    });
  });

  it("asks canEvaluate with the call's context and arguments before every call", async () => {
    const guard = vi.fn(
      (context: FunctionContext, args: readonly unknown[]) =>
        context.user.id === caller.user.id && args[0] === 1,
    );
    const { runner } = setup({
      functions: {
        guarded: { handler: (_c, n: number) => n * 10, canEvaluate: guard },
        throwingGuard: {
          handler: () => 1,
          canEvaluate: () => {
            throw new Error("boom");
          },
        },
        viaExecute: (c) => c.functions.execute("guarded", 2),
      },
    });
    expect(await runner.callFromClient("guarded", [1], caller)).toBe("10");
    await expect(runner.callFromClient("guarded", [2], caller)).rejects.toMatchObject({
      code: "NotCallable",
      message: "function not callable: 'guarded'",
    });
    await expect(runner.callFromClient("throwingGuard", [], caller)).rejects.toMatchObject({
      code: "NotCallable",
    });
    await expect(runner.callFromClient("viaExecute", [], caller)).rejects.toMatchObject({
      code: "FunctionExecutionError",
    });
    expect(guard).toHaveBeenCalledTimes(3);
  });
});

describe("toLocalBson", () => {
  it("converts bson 4 values deeply and keeps unchanged values by reference", () => {
    const plain = { a: 1, b: [1, { c: "x" }], d: new Date(0) };
    expect(toLocalBson(plain)).toBe(plain);
    const local = toLocalBson({
      id: new Realm.BSON.ObjectId("65a000000000000000000009"),
      list: [Realm.BSON.Long.fromNumber(5), Realm.BSON.Decimal128.fromString("1.5")],
      keep: plain,
    });
    expect(local.id).toBeInstanceOf(ObjectId);
    expect(String(local.id)).toBe("65a000000000000000000009");
    expect(String(local.list[0])).toBe("5");
    expect(String(local.list[1])).toBe("1.5");
    expect(local.keep).toBe(plain);
  });
});
