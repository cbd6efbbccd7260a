// Vitest integration: `import { setupMockServer } from "app-services-mock/vitest"` in a setupFiles module.

export { formatJournal, installMatchers, type MockAppMatchers, matchers } from "./matchers.js";
export { createMemoryStorage, type RealmStorage } from "./memory-storage.js";
export { type BoundAppConfiguration, createRealmApp } from "./realm-app.js";
export type { RealmAppLike } from "./realm-apps.js";
export {
  type MockServer,
  type MockServerOptions,
  type RealmModule,
  serveMockApp,
  setupMockServer,
  useMockApp,
  useRealmApp,
} from "./setup.js";
