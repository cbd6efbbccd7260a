// Jest integration: `import { setupMockServer } from "app-services-mock/jest"` in a `setupFilesAfterEnv` module.
// A thin layer over "app-services-mock/testing": Jest's hooks, its `expect`, and the matcher types.
import { kitMessage } from "../logger.js";
import { type MockServer, type MockServerOptions, setupMockServerWith } from "../testing/mock-server.js";
import { jestMatchers } from "./matchers.js";

/** The Jest globals the setup uses: `import { afterAll, afterEach, expect } from "@jest/globals"`. */
export interface JestGlobals {
  expect: { extend(matchers: typeof jestMatchers): void };
  afterEach(step: () => Promise<void>): void;
  afterAll(step: () => void): void;
}

export interface JestMockServerOptions extends MockServerOptions {
  /** Jest's globals; read from `globalThis` when omitted (Jest injects them unless `injectGlobals: false`). */
  jest?: JestGlobals;
}

function injectedGlobals(): JestGlobals {
  const scope = globalThis as Partial<JestGlobals>;
  if (!scope.expect || !scope.afterEach || !scope.afterAll) {
    throw new Error(
      kitMessage(
        'setupMockServer() found no Jest globals: call it in a Jest setupFilesAfterEnv module, or pass { jest: { expect, afterEach, afterAll } } from "@jest/globals".',
      ),
    );
  }
  return { expect: scope.expect, afterEach: scope.afterEach, afterAll: scope.afterAll };
}

/** Registers the matchers with Jest's `expect` (the injected global unless given). */
export function installMatchers(globals: Pick<JestGlobals, "expect"> = injectedGlobals()): void {
  globals.expect.extend(jestMatchers);
}

/**
 * Call at the top level of a Jest `setupFilesAfterEnv` module, which Jest runs before each test file imports
 * realm-web. Listens at once, serves the mock apps, registers the matchers, and after each test resets the handlers,
 * the served apps and realm-web's default storage; after all tests of the file it closes the server.
 */
export function setupMockServer(options: JestMockServerOptions = {}): MockServer {
  const jest = options.jest ?? injectedGlobals();
  return setupMockServerWith(
    { afterEach: jest.afterEach, afterAll: jest.afterAll, installMatchers: () => installMatchers(jest) },
    options,
  );
}

export {
  type BoundAppConfiguration,
  createMemoryStorage,
  createRealmApp,
  type EventPartial,
  formatJournal,
  type MockAppMatchers,
  type MockServer,
  type MockServerOptions,
  type RealmModule,
  type RealmStorage,
  serveMockApp,
  useMockApp,
  useRealmApp,
} from "../testing/index.js";
export { jestMatchers as matchers } from "./matchers.js";
