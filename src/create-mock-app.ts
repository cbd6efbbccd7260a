import type { RequestHandler } from "msw";
import { type Clock, createOffsetClock, type ManualClock } from "./clock.js";
import { createEventsApi, type MockEvents } from "./events/journal-api.js";
import { consoleLogger } from "./logger.js";
import { createMswHandlers } from "./msw/handlers.js";
import type { MockAppOptions } from "./options.js";
import { createPipeline } from "./pipeline/pipeline.js";
import type { RequestPipeline } from "./pipeline/types.js";
import { register, unregister } from "./registry.js";
import { emailPasswordRoutes } from "./routes/email-password.js";
import { locationRoutes } from "./routes/location.js";
import { providerLoginRoutes } from "./routes/provider-login.js";
import { userAuthRoutes } from "./routes/user-auth.js";
import { AppRuntime, type Snapshot } from "./runtime.js";
import { applySeed } from "./state/seed.js";
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
  /** The clock tokens and events read. The default one moves with the wall clock plus `advance(ms)`. */
  readonly clock: ManualClock | Clock;
  /** Back to the seed: users, sessions, data, journal; open streams are closed. O(1). */
  reset(): void;
  /** The current state, to `restore` later. O(1). */
  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
  /** Stops serving: closes streams and lets other mocks answer this app's requests. */
  close(): void;
}

/** Creates a mock App Services app. */
export function createMockApp(options: MockAppOptions = {}): MockApp {
  const clock = options.clock ?? createOffsetClock();
  const runtime = new AppRuntime(options, clock, options.logger ?? consoleLogger);
  applySeed(runtime, options.users ?? [], options.data ?? {});
  runtime.sealSeed();
  const pipeline = createPipeline(runtime, [
    ...locationRoutes,
    ...providerLoginRoutes,
    ...emailPasswordRoutes,
    ...userAuthRoutes,
  ]);
  register(runtime);
  return {
    id: runtime.id,
    baseUrl: runtime.baseUrl,
    handlers: createMswHandlers(pipeline),
    handle: pipeline,
    users: createUsersApi(runtime),
    events: createEventsApi(runtime),
    clock,
    reset: () => runtime.reset(),
    snapshot: () => runtime.snapshot(),
    restore: (snapshot) => runtime.restore(snapshot),
    close: () => {
      runtime.reset();
      unregister(runtime);
    },
  };
}
