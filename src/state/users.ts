import { kitMessage } from "../logger.js";
import type { AppRuntime } from "../runtime.js";
import { identityKey } from "./identity.js";
import { endUserSessions } from "./sessions.js";
import type { IdentityRecord, State, UserRecord } from "./types.js";

/** The user owning an identity key, if any. */
export function userByIdentity(state: State, key: string): UserRecord | undefined {
  const userId = state.identities.get(key);
  return userId === undefined ? undefined : state.users.get(userId);
}

/** Adds or replaces a user and indexes its identities. */
export function putUser(state: State, user: UserRecord): State {
  let identities = state.identities;
  for (const identity of user.identities) identities = identities.set(identity.key, user.id);
  return { ...state, users: state.users.set(user.id, user), identities };
}

/** Appends an identity to a user. */
export function addIdentity(state: State, userId: string, identity: IdentityRecord): State {
  const user = state.users.get(userId);
  if (!user) return state;
  return putUser(state, { ...user, identities: [...user.identities, identity] });
}

/** Ends every session of a user; returns the new state and how many ended. */
export function dropSessions(state: State, userId: string): { state: State; count: number } {
  const sessions = endUserSessions(state.sessions, userId);
  return { state: { ...state, sessions }, count: state.sessions.size - sessions.size };
}

/**
 * Deletes a user with everything that hangs off it: identities, password accounts, sessions, API keys and push
 * registrations.
 * Custom user data documents stay, as on App Services (they live in the app's own collection).
 */
export function deleteUser(state: State, userId: string): State {
  const user = state.users.get(userId);
  if (!user) return state;
  let identities = state.identities;
  for (const identity of user.identities) identities = identities.delete(identity.key);
  const ownedAccounts = new Set(user.identities.map((i) => i.key));
  return {
    ...state,
    users: state.users.delete(userId),
    identities,
    accounts: state.accounts.filter((a) => !ownedAccounts.has(identityKey("local-userpass", a.identityId))),
    sessions: endUserSessions(state.sessions, userId),
    apiKeys: state.apiKeys.filter((k) => k.userId !== userId),
    pushRegistrations: state.pushRegistrations.filter((r) => r.userId !== userId),
  };
}

/** The profile metadata of a user: its identities' data merged in order, then the user's own data. */
export function profileData(user: UserRecord): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const identity of user.identities) Object.assign(merged, identity.data);
  return Object.assign(merged, user.data);
}

/** The user with that id, or the kit's error for test-side misuse (not a wire error). */
export function requireUser(runtime: AppRuntime, id: string): UserRecord {
  const user = runtime.state.users.get(id);
  if (!user) throw new Error(kitMessage(`No user with id "${id}" in mock app "${runtime.id}".`));
  return user;
}
