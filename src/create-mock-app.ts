import type { RequestHandler } from "msw";
import { type Clock, createOffsetClock, type ManualClock } from "./clock.js";
import { createEventsApi, type MockEvents } from "./events/journal-api.js";
import { FunctionRunner } from "./functions/runner.js";
import type { MockServiceClient } from "./functions/types.js";
import { buildGraphqlApi } from "./graphql/schema.js";
import { consoleLogger } from "./logger.js";
import { createMswHandlers } from "./msw/handlers.js";
import type { MockAppOptions } from "./options.js";
import { createOutboxApi, type MockOutbox } from "./outbox-api.js";
import { createPipeline } from "./pipeline/pipeline.js";
import type { RequestPipeline } from "./pipeline/types.js";
import { validateProviders } from "./providers/config.js";
import { createPushApi, type MockPush } from "./push-api.js";
import { register, unregister } from "./registry.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { emailPasswordRoutes } from "./routes/email-password.js";
import { functionRoutes } from "./routes/functions.js";
import { graphqlRoutes } from "./routes/graphql.js";
import { locationRoutes } from "./routes/location.js";
import { providerLoginRoutes } from "./routes/provider-login.js";
import { pushRoutes } from "./routes/push.js";
import { userAuthRoutes } from "./routes/user-auth.js";
import { AppRuntime, type Snapshot } from "./runtime.js";
import { MongoServices } from "./services/mongo-services.js";
import { applySeed } from "./state/seed.js";
import { createTokenHelpers, type MockTokens } from "./token-helpers.js";
import { createUsersApi, type MockUsers } from "./users-api.js";

/** One emulated App Services app. */
export interface MockApp {
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
  readonly clock: ManualClock | Clock;
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

/** Creates a mock App Services app. */
export function createMockApp(options: MockAppOptions = {}): MockApp {
  const clock = options.clock ?? createOffsetClock();
  validateProviders(options.providers);
  const logger = options.logger ?? consoleLogger;
  // Before any state exists: an invalid schema throws here, naming the collection and field.
  const graphql = buildGraphqlApi(options, logger);
  const runtime = new AppRuntime(options, clock, logger);
  applySeed(runtime, options.users ?? [], options.data ?? {});
  runtime.sealSeed();
  const services = new MongoServices(runtime);
  // The runner also runs the functions auth settings name (confirmation, reset, custom-function login).
  const functions = new FunctionRunner(runtime, services);
  const pipeline = createPipeline(runtime, [
    ...locationRoutes,
    ...providerLoginRoutes,
    ...emailPasswordRoutes,
    ...userAuthRoutes,
    ...apiKeyRoutes,
    ...pushRoutes,
    ...functionRoutes(functions, services),
    ...graphqlRoutes(graphql, functions, services),
  ]);
  register(runtime);
  return {
    id: runtime.id,
    baseUrl: runtime.baseUrl,
    handlers: createMswHandlers(pipeline),
    handle: pipeline,
    users: createUsersApi(runtime),
    events: createEventsApi(runtime),
    outbox: createOutboxApi(runtime),
    push: createPushApi(runtime),
    tokens: createTokenHelpers(runtime),
    clock,
    service: (name) => services.client(name, null, "kit"),
    reset: () => runtime.reset(),
    snapshot: () => runtime.snapshot(),
    restore: (snapshot) => runtime.restore(snapshot),
    close: () => {
      runtime.close();
      unregister(runtime);
    },
  };
}
