/**
 * Seed shapes accepted by `createMockApp({ users, data })`. Plain data only (EJSON-compatible), so fixture files
 * can hold them as JSON/EJSON and the later server mode can load them.
 */

/** Provider names as App Services spells them on the wire. */
export type ProviderType =
  | "anon-user"
  | "local-userpass"
  | "api-key"
  | "custom-token"
  | "custom-function"
  | "oauth2-google"
  | "oauth2-facebook"
  | "oauth2-apple";

/** One identity of a seeded user. */
export type SeedIdentity =
  | { provider: "anon-user"; id?: string }
  | { provider: "local-userpass"; email: string; password: string; confirmed?: boolean }
  | { provider: "custom-token"; sub: string; data?: Record<string, unknown> }
  | { provider: "custom-function"; externalId: string }
  | {
      provider: "oauth2-google" | "oauth2-facebook" | "oauth2-apple";
      sub: string;
      data?: Record<string, unknown>;
    };

/** A user API key (or, on a `type: "server"` user, a server API key). `key` is the secret used to log in. */
export interface SeedApiKey {
  id?: string;
  name: string;
  key: string;
  disabled?: boolean;
}

/** A seeded user. `email`/`password` and `anonymous` are shorthands for the first identity. */
export interface SeedUser {
  /** 24-hex user id; generated deterministically when omitted. */
  id?: string;
  /** `"server"` for users that stand for server API keys. Default `"normal"`. */
  type?: "normal" | "server";
  email?: string;
  password?: string;
  /** Shorthand for an `anon-user` identity. */
  anonymous?: boolean;
  /** Further identities (linked users). */
  identities?: SeedIdentity[];
  /** Profile metadata (`user.profile` on the client, `context.user.data` in functions). */
  data?: Record<string, unknown>;
  /** The custom user data document (without the user-id field, which the kit adds). */
  customData?: Record<string, unknown>;
  disabled?: boolean;
  apiKeys?: SeedApiKey[];
}

/** Seed documents: `{ [serviceName]: { [database]: { [collection]: Document[] } } }`. */
export type SeedData = Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;
