import type { Map as ImMap, List, OrderedMap } from "immutable";
import type { MockEvent } from "../events/types.js";
import type { ProviderType } from "../seed.js";

/** One identity of a user, as the profile lists it. */
export interface IdentityRecord {
  /** The identity id shown to clients (`identities[].id`). */
  readonly id: string;
  readonly providerType: ProviderType;
  /** Lookup key `<provider>:<external id>`; unique across the app. */
  readonly key: string;
  /** Provider metadata merged into the profile `data`. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface UserRecord {
  readonly id: string;
  readonly type: "normal" | "server";
  readonly createdAt: number;
  readonly disabled: boolean;
  readonly identities: readonly IdentityRecord[];
  /** Extra profile metadata (seeded `data`). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** An email/password account of the `local-userpass` provider. It may exist before its user (registration). */
export interface PasswordAccount {
  readonly email: string;
  readonly password: string;
  /** The identity id this account gets (also its identity key suffix). */
  readonly identityId: string;
  readonly status: "pending" | "confirmed";
  /** The open confirmation token pair (e-mailed or handed to the confirmation function). */
  readonly confirmation?: UserpassToken;
  /** The open password-reset token pair; `pendingPassword` when a reset function answered "pending". */
  readonly reset?: UserpassToken & { readonly pendingPassword?: string };
}

/** A `{ token, tokenId }` pair of the email/password provider. */
export interface UserpassToken {
  readonly token: string;
  readonly tokenId: string;
  readonly expiresAt: number;
}

/** A push registration (`PUT …/push/providers/:service/registration`), one per user and service. */
export interface PushRegistration {
  readonly userId: string;
  readonly service: string;
  readonly registrationToken: string;
  readonly at: number;
}

/** A server-side login session: the refresh token points at it. */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly providerType: ProviderType;
  readonly createdAt: number;
  readonly expiresAt: number;
  /**
   * Bumped by `mock.time.expireAccessTokens`: access tokens minted under an older epoch are refused as expired.
   * Absent means 0.
   */
  readonly accessEpoch?: number;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly key: string;
  readonly disabled: boolean;
  readonly createdAt: number;
}

/** A message the kit would have e-mailed (confirmation, password reset). */
export interface OutboxMessage {
  readonly kind: "confirmation" | "reset";
  /**
   * `"email"`: the built-in e-mail App Services would send. `"function"`: a confirmation or reset function answered
   * "pending" (App Services sends nothing; the kit records the pair so a test can finish the flow).
   */
  readonly via: "email" | "function";
  readonly to: string;
  readonly token: string;
  readonly tokenId: string;
  readonly url?: string;
  readonly at: number;
  /** For reset messages: the password to set once the reset completes (reset via function, pending). */
  readonly pendingPassword?: string;
}

export type DocMap = OrderedMap<string, Readonly<Record<string, unknown>>>;

/**
 * Everything a mock app remembers, as one immutable value. `reset()` swaps in the seed value, `snapshot()` keeps a
 * reference: both O(1) whatever the size of the data, because every collection is a persistent map.
 */
export interface State {
  /** In creation order. */
  readonly users: OrderedMap<string, UserRecord>;
  /** identity key → user id */
  readonly identities: ImMap<string, string>;
  /** email → account */
  readonly accounts: ImMap<string, PasswordAccount>;
  readonly sessions: ImMap<string, SessionRecord>;
  /** In creation order. */
  readonly apiKeys: OrderedMap<string, ApiKeyRecord>;
  /** `service\u0000database\u0000collection` → documents */
  readonly collections: ImMap<string, DocMap>;
  readonly journal: List<MockEvent>;
  readonly outbox: List<OutboxMessage>;
  /** `userId\u0000service` → registration */
  readonly pushRegistrations: OrderedMap<string, PushRegistration>;
}
