import { OrderedMap } from "immutable";
import { kitMessage } from "../logger.js";
import { idKey } from "../mongodb/id-key.js";
import type { AppRuntime } from "../runtime.js";
import type { SeedData, SeedIdentity, SeedUser } from "../seed.js";
import { namespaceKey } from "./collections.js";
import { accountIdentity, anonymousIdentity, identityRecord } from "./identity.js";
import type { IdentityRecord, PasswordAccount, State, UserRecord } from "./types.js";
import { putUser } from "./users.js";

type Doc = Readonly<Record<string, unknown>>;

function identityOf(
  runtime: AppRuntime,
  seed: SeedIdentity,
): { identity: IdentityRecord; account?: PasswordAccount } {
  switch (seed.provider) {
    case "anon-user": {
      const identity =
        seed.id === undefined
          ? anonymousIdentity(runtime.ids.hex(), runtime.ids.token(12))
          : identityRecord("anon-user", seed.id);
      return { identity };
    }
    case "local-userpass": {
      const account: PasswordAccount = {
        email: seed.email,
        password: seed.password,
        identityId: runtime.ids.hex(),
        status: seed.confirmed === false ? "pending" : "confirmed",
      };
      return { identity: accountIdentity(account), account };
    }
    case "custom-token":
      return { identity: identityRecord(seed.provider, seed.sub, seed.data) };
    case "custom-function":
      return { identity: identityRecord(seed.provider, seed.externalId, {}) };
    default:
      return { identity: identityRecord(seed.provider, seed.sub, seed.data) };
  }
}

function identitiesOf(user: SeedUser): SeedIdentity[] {
  const list: SeedIdentity[] = [];
  if (user.anonymous) list.push({ provider: "anon-user" });
  if (user.email !== undefined) {
    if (user.password === undefined)
      throw new Error(kitMessage(`Seed user "${user.email}" has an email but no password.`));
    list.push({ provider: "local-userpass", email: user.email, password: user.password });
  }
  return [...list, ...(user.identities ?? [])];
}

/** Inserts documents into a collection map, generating ObjectIds and refusing duplicate `_id`s. */
export function insertSeedDocs(runtime: AppRuntime, state: State, key: string, docs: readonly Doc[]): State {
  const map = (state.collections.get(key) ?? OrderedMap<string, Doc>()).withMutations((mutable) => {
    for (const doc of docs) {
      const full = doc._id === undefined ? { _id: runtime.ids.objectId(), ...doc } : { ...doc };
      if (Array.isArray(full._id)) {
        throw new Error(
          kitMessage(
            `Seed data for ${key.replaceAll("\u0000", ".")} has an array _id (MongoDB refuses one).`,
          ),
        );
      }
      const k = idKey(full._id);
      // A repeated key leaves the size as it was: each key is hashed by one `set` instead of `has` and `set`.
      const size = mutable.size;
      if (mutable.set(k, full).size === size) {
        throw new Error(kitMessage(`Seed data for ${key.replaceAll("\u0000", ".")} repeats _id ${k}.`));
      }
    }
  });
  return { ...state, collections: state.collections.set(key, map) };
}

function seedUser(
  runtime: AppRuntime,
  state: State,
  seed: SeedUser,
  index: number,
): { state: State; id: string } {
  const id = seed.id ?? runtime.ids.hex();
  if (!/^[0-9a-f]{24}$/.test(id))
    throw new Error(kitMessage(`users[${index}].id must be 24 lowercase hex digits.`));
  if (state.users.has(id)) throw new Error(kitMessage(`users[${index}] repeats the user id ${id}.`));
  const identities: IdentityRecord[] = [];
  let next = state;
  for (const seedIdentity of identitiesOf(seed)) {
    const { identity, account } = identityOf(runtime, seedIdentity);
    if (next.identities.has(identity.key) || (account && next.accounts.has(account.email))) {
      throw new Error(kitMessage(`users[${index}] repeats an identity another user has (${identity.key}).`));
    }
    if (account) next = { ...next, accounts: next.accounts.set(account.email, account) };
    identities.push(identity);
  }
  const user: UserRecord = {
    id,
    type: seed.type ?? "normal",
    createdAt: runtime.now(),
    disabled: seed.disabled ?? false,
    identities,
    data: seed.data ?? {},
  };
  next = putUser(next, user);
  for (const key of seed.apiKeys ?? []) {
    const keyId = key.id ?? runtime.ids.hex();
    next = {
      ...next,
      apiKeys: next.apiKeys.set(keyId, {
        id: keyId,
        userId: id,
        name: key.name,
        key: key.key,
        disabled: key.disabled ?? false,
        createdAt: runtime.now(),
      }),
    };
  }
  if (seed.customData !== undefined) {
    const config = runtime.options.customUserData;
    if (!config) {
      throw new Error(
        kitMessage(
          `users[${index}] has customData, but custom user data is off. Pass createMockApp({ customUserData }).`,
        ),
      );
    }
    const key = namespaceKey(config.serviceName ?? "mongodb-atlas", config.database, config.collection);
    next = insertSeedDocs(runtime, next, key, [{ ...seed.customData, [config.userIdField]: id }]);
  }
  return { state: next, id };
}

/** Applies seed users and documents to the runtime's state; returns the ids of the users it created. */
export function applySeed(runtime: AppRuntime, users: readonly SeedUser[], data: SeedData): string[] {
  const ids: string[] = [];
  runtime.update((initial) => {
    let state = initial;
    for (const [service, databases] of Object.entries(data)) {
      for (const [database, collections] of Object.entries(databases)) {
        for (const [collection, docs] of Object.entries(collections)) {
          state = insertSeedDocs(runtime, state, namespaceKey(service, database, collection), docs);
        }
      }
    }
    // The user maps are written in place while the users are added (each `set` on a persistent map copies a path
    // of nodes); they are copies of the live ones, so a seed that throws halfway leaves the state as it was.
    state = {
      ...state,
      users: state.users.asMutable(),
      identities: state.identities.asMutable(),
      accounts: state.accounts.asMutable(),
      apiKeys: state.apiKeys.asMutable(),
    };
    users.forEach((user, index) => {
      const result = seedUser(runtime, state, user, index);
      state = result.state;
      ids.push(result.id);
    });
    return {
      ...state,
      users: state.users.asImmutable(),
      identities: state.identities.asImmutable(),
      accounts: state.accounts.asImmutable(),
      apiKeys: state.apiKeys.asImmutable(),
    };
  });
  return ids;
}
