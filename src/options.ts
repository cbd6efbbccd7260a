import type { Clock } from "./clock.js";
import type { RefreshLoopGuardOptions } from "./faults/refresh-guard.js";
import type { EnvironmentOptions, MockFunction, MongoServiceOptions } from "./functions/types.js";
import type { CollectionSchema, GraphqlOptions } from "./graphql/types.js";
import type { Logger } from "./logger.js";
import type { ProvidersOptions } from "./providers/config.js";
import type { RulesOptions } from "./rules/types.js";
import type { SeedData, SeedUser } from "./seed.js";

export type { ProvidersOptions } from "./providers/config.js";

/** Where custom user data lives (App Services "Custom User Data" settings). */
export interface CustomUserDataOptions {
  /** Linked data source name. Default `"mongodb-atlas"`. */
  serviceName?: string;
  database: string;
  collection: string;
  /** The field holding the user id. */
  userIdField: string;
}

export interface TokenOptions {
  /** Access-token lifetime. Default 1800 (30 minutes, as App Services). */
  accessTokenTtlSeconds?: number;
  /** Refresh-token (session) lifetime. Default 60 days. */
  refreshTokenTtlSeconds?: number;
}

/** Options of `createMockApp`. Every field is optional. */
export interface MockAppOptions {
  /** The Client App ID. Default `"mock-app"`. */
  id?: string;
  /** The base URL realm-web is configured with. Default `"https://services.cloud.mongodb.com"`. */
  baseUrl?: string;
  /** Seed users, present after every `reset()`. */
  users?: readonly SeedUser[];
  /** Seed documents: `{ [service]: { [db]: { [collection]: docs } } }`. */
  data?: SeedData;
  /** Time source. Default: the wall clock plus what `mock.clock.advance(ms)` added. */
  clock?: Clock;
  tokens?: TokenOptions;
  /** Seed of the deterministic id sequence. Default: the app id. */
  idSeed?: string;
  customUserData?: CustomUserDataOptions;
  /**
   * Auth providers by wire name: `true` (defaults), a settings object, or `false` (configured but disabled).
   * Default: anonymous and email/password (auto-confirm) on. When given, only the providers listed are on.
   */
  providers?: ProvidersOptions;
  /** Where warnings go (unexpected exceptions answered with 500). Default: `console.warn`. */
  logger?: Logger;
  /** App Services functions by name: a handler `(context, ...args) => value`, or `{ handler, private, runAsSystem }`. */
  functions?: Readonly<Record<string, MockFunction>>;
  /** Values functions read with `context.values.get(name)`. */
  values?: Readonly<Record<string, unknown>>;
  /** `context.environment`: the environment tag (default `""`) and its values (default `{}`). */
  environment?: EnvironmentOptions;
  /** Real-time limit of one client function call, in ms (ExecutionTimeLimitExceeded). Default 10000. */
  functionTimeoutMs?: number;
  /**
   * MongoDB data source names. Default `["mongodb-atlas"]`; services named in `data` and `customUserData` are
   * always added.
   */
  services?: readonly string[];
  mongodb?: MongoServiceOptions;
  /** Collection rules per data source (the exported app's rules files). Default: none, everything allowed. */
  rules?: RulesOptions;
  /** Collection JSON schemas (and relationships): what the GraphQL API is generated from. */
  schemas?: readonly CollectionSchema[];
  /** GraphQL settings and custom resolvers. */
  graphql?: GraphqlOptions;
  /**
   * Journals `refresh-loop` and warns once when one session refreshes more than `threshold` times (default 10)
   * within `windowMs` of the mock's clock (default 10000). `false` turns the guard off.
   */
  refreshLoopGuard?: RefreshLoopGuardOptions | false;
}
