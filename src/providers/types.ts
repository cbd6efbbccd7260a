import type { AppRuntime } from "../runtime.js";
import type { ProviderType } from "../seed.js";
import type { IdentityRecord } from "../state/types.js";

/** What a provider makes of login credentials. */
export interface ResolvedIdentity {
  /** The identity the credentials prove (added to a new user, or to the linking user). */
  readonly identity: IdentityRecord;
  /** Credentials that stand for an existing user without an identity of their own (API keys). */
  readonly ownerId?: string;
  readonly userType?: "normal" | "server";
}

/** Turns a decoded login payload into an identity, or throws a catalogued error. */
export type ProviderLogin = (
  payload: Readonly<Record<string, unknown>>,
  runtime: AppRuntime,
) => ResolvedIdentity | Promise<ResolvedIdentity>;

export interface ProviderDefinition {
  readonly type: ProviderType;
  readonly login: ProviderLogin;
}
