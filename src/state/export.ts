import type { SeedApiKey, SeedData, SeedIdentity, SeedUser } from "../seed.js";
import type { IdentityRecord, PasswordAccount, State, UserRecord } from "./types.js";

/** What a state value holds, as the seed shapes `createMockApp({ users, data })` and the fixture files take. */
export interface ExportedSeed {
  users: SeedUser[];
  data: SeedData;
}

function seedIdentity(
  record: IdentityRecord,
  account: PasswordAccount | undefined,
): SeedIdentity | undefined {
  const data = Object.keys(record.data).length > 0 ? { data: { ...record.data } } : {};
  switch (record.providerType) {
    case "anon-user":
      return { provider: "anon-user", id: record.id };
    case "local-userpass":
      if (account === undefined) return undefined;
      return {
        provider: "local-userpass",
        email: account.email,
        password: account.password,
        ...(account.status === "pending" ? { confirmed: false } : {}),
      };
    case "custom-function":
      return { provider: "custom-function", externalId: record.id };
    case "api-key":
      return undefined; // API keys are exported with their user (`apiKeys`)
    default:
      return { provider: record.providerType, sub: record.id, ...data };
  }
}

function seedUser(state: State, user: UserRecord, accountsById: Map<string, PasswordAccount>): SeedUser {
  const identities = user.identities
    .map((i) => seedIdentity(i, accountsById.get(i.id)))
    .filter((i): i is SeedIdentity => i !== undefined);
  const apiKeys: SeedApiKey[] = state.apiKeys
    .filter((k) => k.userId === user.id)
    .valueSeq()
    .map((k) => ({ id: k.id, name: k.name, key: k.key, ...(k.disabled ? { disabled: true } : {}) }))
    .toArray();
  return {
    id: user.id,
    ...(user.type === "server" ? { type: "server" as const } : {}),
    ...(identities.length > 0 ? { identities } : {}),
    ...(Object.keys(user.data).length > 0 ? { data: { ...user.data } } : {}),
    ...(user.disabled ? { disabled: true } : {}),
    ...(apiKeys.length > 0 ? { apiKeys } : {}),
  };
}

/**
 * The users and documents of a state value as seed data (for `--persist`): users with their identities
 * (email/password accounts with their passwords), API keys and profile data; every collection, custom user data
 * included (so users carry no `customData`). Sessions, the journal, the outbox and accounts registered but never
 * turned into a user are not exported.
 */
export function exportSeed(state: State): ExportedSeed {
  const accountsById = new Map<string, PasswordAccount>();
  for (const account of state.accounts.values()) accountsById.set(account.identityId, account);
  const users = state.users
    .valueSeq()
    .map((u) => seedUser(state, u, accountsById))
    .toArray();
  // Maps, then own properties (Object.fromEntries): a collection named "__proto__" stays a plain key.
  const services = new Map<string, Map<string, Map<string, Record<string, unknown>[]>>>();
  for (const [key, docs] of state.collections) {
    if (docs.size === 0) continue;
    const [service = "", database = "", collection = ""] = key.split("\u0000");
    const databases = services.get(service) ?? services.set(service, new Map()).get(service)!;
    const collections = databases.get(database) ?? databases.set(database, new Map()).get(database)!;
    collections.set(collection, docs.valueSeq().toArray() as Record<string, unknown>[]);
  }
  const data: SeedData = Object.fromEntries(
    [...services].map(([service, databases]) => [
      service,
      Object.fromEntries([...databases].map(([database, colls]) => [database, Object.fromEntries(colls)])),
    ]),
  );
  return { users, data };
}
