// Function sources in the vm sandbox against a JavaScript handler, end to end through realm-web and MSW; and the
// cost of a sandbox's first call (a new vm context with bson and buffer compiled in it).
// Run: npm run bench -- bench/sandbox.bench.ts
import { setupServer } from "msw/node";
import { bench, describe } from "vitest";
import { systemUser } from "../src/functions/context.js";
import type { FunctionContext } from "../src/index.js";
import { createMockApp } from "../src/index.js";
import { loadAppConfig } from "../src/node/index.js";
import { FunctionSandbox } from "../src/node/sandbox/sandbox.js";

const loaded = await loadAppConfig({
  name: "bench-sandbox",
  functions: [{ name: "constant", private: false, source: "exports = () => 42;" }],
  authProviders: [{ name: "anon-user", type: "anon-user" }],
});
const sandboxed = createMockApp({ ...loaded, id: "bench-sandbox" });
const handlers = createMockApp({
  id: "bench-handlers",
  providers: { "anon-user": true },
  functions: { constant: () => 42 },
});

// Listen before realm-web is imported: it binds fetch at import time.
const server = setupServer(...sandboxed.handlers, ...handlers.handlers);
server.listen({ onUnhandledRequest: "error" });
const Realm = await import("realm-web");
const logIn = (mock: typeof sandboxed) =>
  new Realm.App({ id: mock.id, baseUrl: mock.baseUrl }).logIn(Realm.Credentials.anonymous());
const sandboxUser = await logIn(sandboxed);
const handlerUser = await logIn(handlers);
await sandboxUser.callFunction("constant"); // the context exists before the timed runs

describe("callFunction returning a constant", () => {
  bench("realm-web callFunction of a JavaScript handler", async () => {
    await handlerUser.callFunction("constant");
  });
  bench("realm-web callFunction of a function source in the sandbox", async () => {
    await sandboxUser.callFunction("constant");
  });
});

const context = {
  user: systemUser(),
  runningAsSystem: () => true,
  environment: { tag: "", values: {} },
  request: undefined,
  app: { id: "a", clientAppId: "a", name: "a" },
} as unknown as FunctionContext;
const sources = new Map([["constant", { source: "exports = () => 42;", file: "functions/constant.js" }]]);

describe("a sandbox's first call", () => {
  bench("new vm context, bson and buffer compiled, one call", async () => {
    const sandbox = new FunctionSandbox({
      functions: sources,
      dependencies: [],
      resolveFrom: `${process.cwd()}/package.json`,
      logger: { warn: () => undefined },
      timeoutMs: 10_000,
    });
    await sandbox.handler("constant")(context);
  });
});
