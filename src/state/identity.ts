import type { ProviderType } from "../seed.js";
import type { IdentityRecord, PasswordAccount } from "./types.js";

/** The app-wide lookup key of an identity: `<provider>:<id>`. */
export const identityKey = (providerType: ProviderType, id: string) => `${providerType}:${id}`;

/** An identity record; `id` is what profiles list (JWT `sub`, auth function result, account id, …). */
export function identityRecord(
  providerType: ProviderType,
  id: string,
  data: Readonly<Record<string, unknown>> = {},
): IdentityRecord {
  return { id, providerType, key: identityKey(providerType, id), data };
}

/** The identity an email/password account proves. */
export const accountIdentity = (account: PasswordAccount) =>
  identityRecord("local-userpass", account.identityId, { email: account.email });

/** A new anonymous identity (App Services ids look like "<hex>-<random>"; the suffix here is hex). */
export const anonymousIdentity = (hex: string, suffix: string) =>
  identityRecord("anon-user", `${hex}-${suffix}`);
