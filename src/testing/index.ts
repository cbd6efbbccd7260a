// The runner-neutral test helpers ("app-services-mock/testing"): what "./vitest" and "./jest" are thin layers over,
// for any runner with `afterEach`/`afterAll` hooks and a Jest-compatible `expect.extend`.

export { listenGuarded, mswMajor, type UnhandledRequestStrategy, unhandledOption } from "./listen.js";
export {
  type AsymmetricMatcherLike,
  type EventPartial,
  formatEvent,
  formatJournal,
  type MatcherContext,
  type MatcherResult,
  type MockAppMatchers,
  matchers,
} from "./matchers.js";
export { createMemoryStorage, type RealmStorage } from "./memory-storage.js";
export {
  type MockServer,
  type MockServerOptions,
  type RealmModule,
  serveMockApp,
  setupMockServerWith,
  type TestHooks,
  useMockApp,
  useRealmApp,
} from "./mock-server.js";
export { type BoundAppConfiguration, createRealmApp } from "./realm-app.js";
export type { RealmAppLike } from "./realm-apps.js";
