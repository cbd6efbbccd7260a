import type { MockApp } from "../create-mock-app.js";
import { createMemoryStorage, type RealmStorage } from "./memory-storage.js";

/** The configuration the helper hands to realm-web's `App` constructor. */
export interface BoundAppConfiguration {
  id: string;
  baseUrl: string;
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  storage: RealmStorage;
}

/**
 * Creates a realm-web `App` bound to a mock app, with a `fetch` read from `globalThis` at call time (so it works
 * whatever the import order relative to `server.listen()`) and a fresh storage (so no user of another test shows
 * up). Pass realm-web's `App` class: `createRealmApp(Realm.App, mock)`.
 */
export function createRealmApp<A>(
  // `never`: realm-web's constructor takes `string | AppConfiguration`, whose `fetch` type is its own; the kit
  // does not depend on realm-web's types, and the configuration below is what realm-web 2.x accepts.
  AppClass: new (configuration: never) => A,
  mock: MockApp,
  overrides: Partial<BoundAppConfiguration> = {},
): A {
  const configuration: BoundAppConfiguration = {
    id: mock.id,
    baseUrl: mock.baseUrl,
    fetch: (input, init) => globalThis.fetch(input, init),
    storage: createMemoryStorage(),
    ...overrides,
  };
  return new AppClass(configuration as never);
}
