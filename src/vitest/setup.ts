import { http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import { afterAll, afterEach } from "vitest";
import type { MockApp } from "../create-mock-app.js";
import { kitMessage } from "../logger.js";
import { CLIENT_API } from "../msw/handlers.js";
import { installMatchers } from "./matchers.js";
import { cachedRealmApps, type RealmAppLike, removeAllUsers } from "./realm-apps.js";

/** What the realm-web module offers that the helpers use (pass `import * as Realm from "realm-web"`). */
export interface RealmModule {
  getEnvironment(): { defaultStorage: { clear(prefix?: string): void } };
}

export interface MockServerOptions {
  /** Mock apps served to every test of every file that runs this setup. */
  apps?: readonly MockApp[];
  /** Your own MSW server; one is created (with `setupServer()`) when omitted. */
  server?: SetupServer;
  /** MSW's option; default `"error"`, so a request that escapes the mock fails the test. */
  onUnhandledRequest?: "error" | "warn" | "bypass";
  /**
   * realm-web, whose process-wide default storage is cleared after each test. By default the helper imports
   * "realm-web" itself after the first test (never before: realm-web must be imported after `listen()`), and
   * skips the clearing when it is not installed. Pass `false` to keep the storage.
   */
  realm?: RealmModule | false;
}

export interface MockServer {
  readonly server: SetupServer;
  /** Serves more mock apps to the tests of the calling file (reset after each test, like the setup's apps). */
  use(...apps: MockApp[]): void;
  /**
   * Serves a mock app until the returned function is called: for a test (e.g. `it.concurrent`) that builds its
   * own mock. Not reset by the helper; the test owns it.
   */
  serve(app: MockApp): () => void;
  /**
   * Logs every user of these realm-web apps out after each test of the calling file: for apps an application
   * module creates once (`export const app = new Realm.App(...)`), whose `currentUser` would otherwise outlive the
   * test. Apps from `Realm.getApp(id)` are handled without it.
   */
  useRealmApp(...apps: RealmAppLike[]): void;
}

let active: MockServer | undefined;

// A variable specifier: the kit does not depend on realm-web's types, and bundlers do not pull it in.
const REALM_WEB = "realm-web";
let realmWeb: Promise<RealmModule | undefined> | undefined;

/** realm-web as the tests imported it (the module cache hands back the same instance), or undefined. */
function importRealmWeb(): Promise<RealmModule | undefined> {
  realmWeb ??= import(/* @vite-ignore */ REALM_WEB).then(
    (module: RealmModule) => module,
    () => undefined,
  );
  return realmWeb;
}

/**
 * Call at the top level of a Vitest `setupFiles` module. It listens at once (realm-web binds `fetch` when it is
 * imported, so a `beforeAll` would be too late) with one dispatching handler installed as an initial handler, so
 * `server.resetHandlers()` never drops it, even while concurrent tests run. After each test it resets the
 * handlers, every app served through it and realm-web's default storage; after all tests it closes the server.
 * Also registers the matchers.
 */
export function setupMockServer(options: MockServerOptions = {}): MockServer {
  const shared = [...(options.apps ?? [])];
  const perFile: MockApp[] = [];
  const owned = new Set<MockApp>();
  const realmApps = new Set<RealmAppLike>();
  const dispatcher = http.all(CLIENT_API, async ({ request }) => {
    for (const app of [...shared, ...perFile, ...owned]) {
      // No clone: a pipeline reads the body only of a request it answers.
      const response = await app.handle(request);
      if (response) return response;
    }
    return undefined;
  });
  const server = options.server ?? setupServer();
  server.resetHandlers(dispatcher, ...server.listHandlers());
  server.listen({ onUnhandledRequest: options.onUnhandledRequest ?? "error" });
  installMatchers();
  afterEach(async () => {
    const realm = options.realm === false ? undefined : (options.realm ?? (await importRealmWeb()));
    // Before the reset, while the test's handlers and sessions are still there: singleton apps forget their users.
    await removeAllUsers(new Set([...realmApps, ...cachedRealmApps(realm)]));
    server.resetHandlers();
    for (const app of [...shared, ...perFile]) {
      app.reset();
      app.users.removeAllListeners();
    }
    realm?.getEnvironment().defaultStorage.clear();
  });
  afterAll(() => {
    for (const app of [...shared, ...perFile, ...owned]) app.close();
    server.close();
    active = undefined;
  });
  const handle: MockServer = {
    server,
    use: (...apps) => {
      perFile.push(...apps);
    },
    serve: (app) => {
      owned.add(app);
      return () => owned.delete(app);
    },
    useRealmApp: (...apps) => {
      for (const app of apps) realmApps.add(app);
    },
  };
  active = handle;
  return handle;
}

function requireActive(): MockServer {
  if (!active) {
    throw new Error(
      kitMessage("No mock server: call setupMockServer() at the top of a Vitest setupFiles module."),
    );
  }
  return active;
}

/** Serves mock apps to the tests of the calling file. Call it at the top level of a test file. */
export function useMockApp(...apps: MockApp[]): void {
  requireActive().use(...apps);
}

/**
 * Logs every user of these realm-web apps out after each test (see `MockServer.useRealmApp`): call it at the top
 * level of a test file, or of the setup file, with the app your application module creates once.
 */
export function useRealmApp(...apps: RealmAppLike[]): void {
  requireActive().useRealmApp(...apps);
}

/** Serves one mock app until the returned function is called (see `MockServer.serve`). */
export function serveMockApp(app: MockApp): () => void {
  return requireActive().serve(app);
}
