import { http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import { type MockApp, runtimeOf } from "../create-mock-app.js";
import { kitMessage } from "../logger.js";
import { CLIENT_API } from "../msw/handlers.js";
import { refuseUnowned } from "../pipeline/pipeline.js";
import { markServed, unmarkServed } from "../registry.js";
import { listenGuarded, type UnhandledRequestStrategy } from "./listen.js";
import { cachedRealmApps, type RealmAppLike, removeAllUsers } from "./realm-apps.js";

/** The test runner's hooks the setup registers its steps with (Vitest's, Jest's, or any runner's alike). */
export interface TestHooks {
  /**
   * Runs before each test with an id of that test. Optional: a runner that gives it lets the setup tell
   * concurrent tests apart (cleanup waits for the last of them, misuse of a shared app is reported).
   */
  beforeEach?(step: (testId: string) => void): void;
  /** Runs after each test; `testId` as given to `beforeEach` (undefined when the runner has no `beforeEach`). */
  afterEach(step: (testId?: string) => Promise<void>): void;
  afterAll(step: () => void): void;
  /** Registers the matchers with the runner's `expect`. */
  installMatchers(): void;
}

/** What the realm-web module offers that the helpers use (pass `import * as Realm from "realm-web"`). */
export interface RealmModule {
  getEnvironment(): { defaultStorage: { clear(prefix?: string): void } };
}

export interface MockServerOptions {
  /** Mock apps served to every test of every file that runs this setup. */
  apps?: readonly MockApp[];
  /** Your own MSW server; one is created (with `setupServer()`) when omitted. */
  server?: SetupServer;
  /**
   * What MSW does with a request no handler answers (msw 2's `onUnhandledRequest`, msw 3's `onUnhandledFrame`);
   * default `"error"`, so a request that escapes the mock fails the test.
   */
  onUnhandledRequest?: UnhandledRequestStrategy;
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
   * own mock. Not reset by the helper; the test owns it. `createMockTest` does this for you.
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

/** Counts an app as served by the dispatcher; throws when another served mock app has its app id. */
function markApp(app: MockApp): void {
  const runtime = runtimeOf(app);
  if (runtime) markServed(runtime, true);
}

function unmarkApp(app: MockApp): void {
  const runtime = runtimeOf(app);
  if (runtime) unmarkServed(runtime);
}

const concurrentMisuse = (appId: string) =>
  kitMessage(
    `Mock app "${appId}" is reset by the helper after each test (setupMockServer({ apps }) or useMockApp), ` +
      "but it answered a request while tests ran concurrently: they would share its data and a sibling's " +
      "end would wipe it. Give each concurrent test its own mock: `const test = createMockTest(options)` (or " +
      "`mockTest`) from app-services-mock/vitest, then `test.concurrent(name, async ({ mock }) => …)`.",
  );

/**
 * The runner-neutral setup behind `setupMockServer` of "app-services-mock/vitest" and "app-services-mock/jest":
 * call at the top level of a setup module, once. It listens at once (realm-web binds `fetch` when
 * it is imported, so a `beforeAll` would be too late) with one dispatching handler installed as an initial
 * handler, so `server.resetHandlers()` never drops it. The dispatcher answers every App Services request: a
 * request no served mock owns gets the refusal (404 AppNotFound, 401 InvalidSession), never the network. After
 * each test (after the last of a group of concurrent tests) it resets the handlers, every app served through it
 * and realm-web's default storage; after all tests it closes the server. Also registers the matchers.
 */
export function setupMockServerWith(hooks: TestHooks, options: MockServerOptions = {}): MockServer {
  if (active) {
    throw new Error(
      kitMessage(
        "setupMockServer() was already called: call it once, at the top of one setupFiles module, and serve " +
          "more apps with useMockApp(mock) or serveMockApp(mock).",
      ),
    );
  }
  const shared = [...(options.apps ?? [])];
  const perFile: MockApp[] = [];
  const owned = new Set<MockApp>();
  const realmApps = new Set<RealmAppLike>();
  for (const app of shared) markApp(app);
  /** Tests running now: more than one means concurrent tests. */
  const running = new Set<string>();
  let misusedBy: string | undefined;
  const dispatcher = http.all(CLIENT_API, async ({ request }) => {
    for (const app of [...shared, ...perFile]) {
      // No clone: a pipeline reads the body only of a request it answers.
      const response = await app.handle(request);
      if (!response) continue;
      if (running.size > 1) misusedBy ??= app.id;
      return response;
    }
    for (const app of owned) {
      const response = await app.handle(request);
      if (response) return response;
    }
    return refuseUnowned(request);
  });
  const server = options.server ?? setupServer();
  server.resetHandlers(dispatcher, ...server.listHandlers());
  listenGuarded(server, options.onUnhandledRequest ?? "error");
  hooks.installMatchers();
  hooks.beforeEach?.((testId) => {
    running.add(testId);
  });
  // A rest parameter keeps the step's arity 0: Jest reads a hook with a parameter as one that waits for `done`.
  hooks.afterEach(async (...args: [testId?: string]) => {
    const [testId] = args;
    if (testId !== undefined) running.delete(testId);
    const misuse = misusedBy;
    // Concurrent siblings still run: the cleanup waits for the last of them, so nobody is wiped mid-test.
    if (running.size === 0) {
      misusedBy = undefined;
      const realm = options.realm === false ? undefined : (options.realm ?? (await importRealmWeb()));
      // Before the reset, while the test's handlers and sessions are still there: singleton apps forget their users.
      await removeAllUsers(new Set([...realmApps, ...cachedRealmApps(realm)]));
      server.resetHandlers();
      for (const app of [...shared, ...perFile]) {
        app.reset();
        app.users.removeAllListeners();
      }
      realm?.getEnvironment().defaultStorage.clear();
    }
    if (misuse !== undefined) throw new Error(concurrentMisuse(misuse));
  });
  hooks.afterAll(() => {
    for (const app of [...shared, ...perFile, ...owned]) app.close();
    server.close();
    active = undefined;
  });
  const handle: MockServer = {
    server,
    useRealmApp: (...apps) => {
      for (const app of apps) realmApps.add(app);
    },
    use: (...apps) => {
      for (const app of apps) markApp(app);
      perFile.push(...apps);
    },
    serve: (app) => {
      markApp(app);
      owned.add(app);
      let served = true;
      return () => {
        if (!served) return;
        served = false;
        owned.delete(app);
        unmarkApp(app);
      };
    },
  };
  active = handle;
  return handle;
}

function requireActive(): MockServer {
  if (!active) {
    throw new Error(
      kitMessage(
        "No mock server: call setupMockServer() at the top of a setup module (Vitest `setupFiles`, Jest `setupFilesAfterEnv`).",
      ),
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
