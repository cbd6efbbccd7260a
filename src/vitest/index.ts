// Vitest integration: `import { setupMockServer } from "app-services-mock/vitest"` in a setupFiles module. A thin
// layer over "app-services-mock/testing": Vitest's hooks, its `expect`, and the matcher types.

export {
  type BoundAppConfiguration,
  createMemoryStorage,
  createRealmApp,
  type EventPartial,
  formatJournal,
  type MockAppMatchers,
  type MockServer,
  type MockServerOptions,
  matchers,
  type RealmAppLike,
  type RealmModule,
  type RealmStorage,
  serveMockApp,
  useMockApp,
  useRealmApp,
} from "../testing/index.js";
export { installMatchers } from "./install-matchers.js";
export { createMockTest, type MockTestContext, mockTest } from "./mock-test.js";
export { setupMockServer } from "./setup-mock-server.js";
