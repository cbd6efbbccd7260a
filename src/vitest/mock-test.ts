import { test } from "vitest";
import { createMockApp, type MockApp } from "../create-mock-app.js";
import type { MockAppOptions } from "../options.js";
import { serveMockApp } from "../testing/mock-server.js";

/** What a test built with `createMockTest` receives besides Vitest's own context. */
export interface MockTestContext {
  /** A mock app of this test alone: served while the test runs, closed after it. */
  mock: MockApp;
}

let serial = 0;

/**
 * A Vitest `test` whose tests each get their own mock app (`async ({ mock }) => …`), served for the test and
 * closed after it: the safe way to run App Services tests with `test.concurrent`, where a mock served with
 * `useMockApp` would be shared and reset under a sibling. Without an `id`, each mock gets a unique one
 * (`mock-app-1`, `mock-app-2`, …, with the ids a `"mock-app"` would draw), since two served mocks cannot share an app id. Needs `setupMockServer()`.
 */
export function createMockTest(options: MockAppOptions | (() => MockAppOptions) = {}) {
  return test.extend<MockTestContext>({
    // Not an async arrow: a transpiler lowering it would rewrite the pattern Vitest reads dependencies from.
    // biome-ignore lint/correctness/noEmptyPattern: Vitest reads a fixture's dependencies from this pattern.
    mock: ({}, use) => withOwnMock(typeof options === "function" ? options() : options, use),
  });
}

async function withOwnMock(options: MockAppOptions, use: (mock: MockApp) => Promise<void>): Promise<void> {
  serial += 1;
  // The id seed stays the default app id's, so ids repeat whatever order the tests run in.
  const mock = createMockApp({
    ...options,
    id: options.id ?? `mock-app-${serial}`,
    idSeed: options.idSeed ?? options.id ?? "mock-app",
  });
  const stop = serveMockApp(mock);
  try {
    await use(mock);
  } finally {
    stop();
    mock.close();
  }
}

/** `createMockTest()`: each test gets a default mock app of its own. */
export const mockTest = createMockTest();
