import { expect, it } from "vitest";
import { FunctionRunner } from "../../src/functions/runner.js";
import { createManualClock } from "../../src/index.js";
import { FunctionSandbox } from "../../src/node/sandbox/sandbox.js";
import { AppRuntime } from "../../src/runtime.js";
import { MongoServices } from "../../src/services/mongo-services.js";
import { systemUser } from "../../src/functions/context.js";

it("smoke", async () => {
  const sources = new Map([
    ["hello", { file: "functions/hello.js", source: `exports = async function (a, b) { const c = context.services.get("mongodb-atlas").db("x").collection("y"); await c.insertOne({ a, at: new Date(0), id: new BSON.ObjectId() }); const docs = await c.find({}, { a: 1 }).toArray(); console.log("hi", docs); return { sum: a + b, user: context.user.id, docs, v: context.values.get("v"), h: require("crypto").createHash("sha256").update("x").digest("hex"), p: require("path").join("/a", "b") }; };` }],
    ["loop", { file: "functions/loop.js", source: `exports = () => { while (true) {} };` }],
    ["escape", { file: "functions/escape.js", source: `exports = () => { try { return this.constructor.constructor("return process")().pid } catch (e) { return e.message } };` }],
  ]);
  const logs: string[] = [];
  const sandbox = new FunctionSandbox({ functions: sources, dependencies: [], resolveFrom: `${process.cwd()}/`, logger: { warn: (m) => logs.push(m), log: (m) => logs.push(m) }, timeoutMs: 200 });
  const runtime = new AppRuntime({ values: { v: 42 }, functions: Object.fromEntries([...sources.keys()].map((n) => [n, sandbox.handler(n)])), functionTimeoutMs: 1000 }, createManualClock(0), { warn: (m, c) => logs.push(`${m} ${c}`) });
  const runner = new FunctionRunner(runtime, new MongoServices(runtime));
  const inv = { callerId: null, user: systemUser(), request: undefined };
  let t0 = Date.now();
  console.log(await runner.callFromClient("hello", [1, 2], inv), Date.now() - t0);
  t0 = Date.now();
  console.log(await runner.callFromClient("hello", [1, 2], inv), Date.now() - t0);
  await expect(runner.callFromClient("loop", [], inv)).rejects.toMatchObject({ code: "ExecutionTimeLimitExceeded" });
  console.log(await runner.callFromClient("escape", [], inv));
  console.log(logs);
  expect(1).toBe(1);
});
