import type { RequestHandler } from "msw";
import { type Clock, createOffsetClock, type ManualClock } from "./clock.js";
import { createEventsApi, type MockEvents } from "./control/journal-api.js";
import { createOutboxApi, type MockOutbox } from "./control/outbox-api.js";
import { createPushApi, type MockPush } from "./control/push-api.js";
import { createTimeApi, type MockTime } from "./control/time-api.js";
import { createTokenHelpers, type MockTokens } from "./control/token-helpers.js";
import { createUsersApi, type MockUsers } from "./control/users-api.js";
import { FaultSet } from "./faults/fault-set.js";
import { refreshLoopGuard } from "./faults/refresh-guard.js";
import type { MockFaults } from "./faults/types.js";
import { FunctionRunner } from "./functions/runner.js";
import type { MockServiceClient } from "./functions/types.js";
import { buildGraphqlApi } from "./graphql/schema.js";
import { consoleLogger } from "./logger.js";
import { createMswHandlers } from "./msw/handlers.js";
import type { MockAppOptions } from "./options.js";
import { validateOptions } from "./options-schema.js";
import { createPipeline } from "./pipeline/pipeline.js";
import type { RequestPipeline } from "./pipeline/types.js";
import { validateProviders } from "./providers/config.js";
import { register, serveThroughHandlers, unregister } from "./registry.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { emailPasswordRoutes } from "./routes/email-password.js";
import { functionRoutes } from "./routes/functions.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { locationRoutes } from "./routes/location.js";
import { providerLoginRoutes } from "./routes/provider-login.js";
import { pushRoutes } from "./routes/push.js";
import { recordRouteTable } from "./routes/route-table.js";
import { userAuthRoutes } from "./routes/user-auth.js";
import { validateRules } from "./rules/validate.js";
import { AppRuntime } from "./runtime.js";
import { MongoServices } from "./services/mongo-services.js";
import { openSnapshot, type Snapshot, takeSnapshot } from "./snapshot.js";
import { applySeed } from "./state/seed.js";

/**
 * One emulated App Services app. `C` is the type of its clock: `ManualClock` (with `advance`) unless
 * `createMockApp({ clock })` was given a plain `Clock`.
 */
export interface MockApp<C extends Clock = Clock> {
  /** The Client App ID. */
  readonly id: string;
  /** The base URL to give realm-web (`new App({ id, baseUrl })`). */
  readonly baseUrl: string;
  /** MSW request handlers: spread them into your own `setupServer(...)`. */
  readonly handlers: RequestHandler[];
  /** The MSW-independent pipeline behind the handlers: a Fetch `Request` in, a `Response` (or undefined) out. */
  readonly handle: RequestPipeline;
  readonly users: MockUsers;
  /** The journal of what happened to users, functions and data. */
  readonly events: MockEvents;
  /** Confirmation and password-reset messages App Services would have e-mailed. */
  readonly outbox: MockOutbox;
  /** Push registrations made by clients. */
  readonly push: MockPush;
  /** Mints tokens the app accepts: custom JWTs and Google/Facebook/Apple tokens. */
  readonly tokens: MockTokens;
  /** The clock tokens and events read. The default one moves with the wall clock plus `advance(ms)`. */
  readonly clock: C;
  /** Fault injection: make chosen requests fail, stall, drop or cut (`mock.faults.inject`). Cleared by `reset()`. */
  readonly faults: MockFaults;
  /** Token lifecycle on demand: expire access or refresh tokens now, change token lifetimes. */
  readonly time: MockTime;
  /**
   * A MongoDB data source, to seed and inspect documents: `mock.service("mongodb-atlas").db(db).collection(c)`.
   * The same collections realm-web and functions see; writes reach open watch streams. Kept until `reset()`.
   */
  service(name: string): MockServiceClient;
  /** Back to the seed: users, sessions, data, journal; open streams are closed. O(1). */
  reset(): void;
  /** The current state, to `restore` later. O(1). */
  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
  /**
   * Stops serving for good: closes streams, passes every request on (its handlers answer nothing), and lets the
   * other mocks of the server answer for its app id (404) and its tokens (401).
   */
  close(): void;
}

const runtimes = new WeakMap<MockApp, AppRuntime>();

/** The runtime behind a mock app (for the Vitest helper's serving bookkeeping); undefined for a foreign object. */
export function runtimeOf(app: MockApp): AppRuntime | undefined {
  return runtimes.get(app);
}

/** Creates a mock App Services app. */
export function createMockApp<C extends Clock>(options: MockAppOptions & { clock: C }): MockApp<C>;
/** Creates a mock App Services app on the default clock: the wall clock plus `mock.clock.advance(ms)`. */
export function createMockApp(options?: MockAppOptions & { clock?: undefined }): MockApp<ManualClock>;
export function createMockApp(options?: MockAppOptions): MockApp;
export function createMockApp(options: MockAppOptions = {}): MockApp {
  validateOptions(options);
  const clock = options.clock ?? createOffsetClock();
  validateProviders(options.providers);
  validateRules(options.rules);
  const logger = options.logger ?? consoleLogger;
  // Before any state exists: an invalid schema throws here, naming the collection and field.
  const graphql = buildGraphqlApi(options, logger);
  const runtime = new AppRuntime(options, clock, logger);
  applySeed(runtime, options.users ?? [], options.data ?? {});
  runtime.sealSeed();
  const services = new MongoServices(runtime);
  // The runner also runs the functions auth settings name (confirmation, reset, custom-function login).
  const functions = new FunctionRunner(runtime, services);
  // `%function` in rules: a system call that still sees the requesting user.
  services.rules.useFunctions((name, args, user) => functions.executeAsSystem(name, args, { user }));
  const faults = new FaultSet(runtime);
  const guard =
    options.refreshLoopGuard === false ? [] : [refreshLoopGuard(runtime, options.refreshLoopGuard)];
  const routes = [
    ...locationRoutes,
    ...providerLoginRoutes,
    ...emailPasswordRoutes,
    ...userAuthRoutes,
    ...apiKeyRoutes,
    ...pushRoutes,
    ...functionRoutes(functions, services),
    ...graphqlRoutes(graphql, functions, services),
  ];
  // The guard sits outside the faults, so injected 401s count as failures.
  const pipeline = recordRouteTable(createPipeline(runtime, routes, [...guard, faults.layer]), routes);
  register(runtime);
  const handlers = createMswHandlers(pipeline);
  const app: MockApp = {
    id: runtime.id,
    baseUrl: runtime.baseUrl,
    // Reading the handlers counts as serving the app (spread into an MSW server the kit cannot see).
    get handlers() {
      serveThroughHandlers(runtime);
      return handlers;
    },
    handle: pipeline,
    users: createUsersApi(runtime),
    events: createEventsApi(runtime),
    outbox: createOutboxApi(runtime),
    push: createPushApi(runtime),
    tokens: createTokenHelpers(runtime),
    clock,
    faults: faults.api(),
    time: createTimeApi(runtime),
    service: (name) => services.client(name, null, "kit"),
    reset: () => runtime.reset(),
    snapshot: () => takeSnapshot(runtime, runtime.snapshot()),
    restore: (snapshot) => runtime.restore(openSnapshot(runtime, snapshot)),
    close: () => {
      runtime.close();
      unregister(runtime);
    },
  };
  runtimes.set(app, runtime);
  return app;
}
