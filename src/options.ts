import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";
import type { ProviderType, SeedData, SeedUser } from "./seed.js";

/**
 * Auth providers to turn on, by wire name. `true` turns one on with its defaults; an object configures it.
 * When omitted, anonymous and email/password are on. When given, only the providers listed (and not `false`) are on.
 */
export type ProvidersOptions = { [P in ProviderType]?: boolean | Readonly<Record<string, unknown>> };

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
  providers?: ProvidersOptions;
  /** Where warnings go (unexpected exceptions answered with 500). Default: `console.warn`. */
  logger?: Logger;
}
