import { AppServicesError } from "../errors.js";
import { type UserListener, UserListeners } from "../events/user-listeners.js";
import { cloneValue } from "../mongodb/index.js";
import { removeUser } from "../operations/user-auth.js";
import type { AppRuntime } from "../runtime.js";
import type { ProviderType, SeedUser } from "../seed.js";
import { customDataFor } from "../state/collections.js";
import { identityKey } from "../state/identity.js";
import { applySeed } from "../state/seed.js";
import { sessionCountOf } from "../state/sessions.js";
import type { UserRecord } from "../state/types.js";
import { dropSessions, profileData, requireUser } from "../state/users.js";
import { createUserAdmin, type MockUserAdmin } from "./users-admin.js";

/** A read-only view of a server-side user, for assertions. */
export interface MockUser {
  readonly id: string;
  readonly type: "normal" | "server";
  readonly disabled: boolean;
  readonly createdAt: Date;
  /** The email of its email/password identity, if any. */
  readonly email: string | undefined;
  readonly identities: readonly { readonly id: string; readonly providerType: ProviderType }[];
  /** Profile metadata, as `/auth/profile` returns it. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The custom user data document, if any. */
  readonly customData: Readonly<Record<string, unknown>> | undefined;
  /** Live sessions (refresh tokens). */
  readonly sessionCount: number;
}

/** Test-side user management (`mock.users`). */
export interface MockUsers extends MockUserAdmin {
  /** Adds a user at run time (kept until `reset()`). */
  create(user: SeedUser): MockUser;
  get(id: string): MockUser | undefined;
  findByEmail(email: string): MockUser | undefined;
  list(): MockUser[];
  /** Ends every session of the user: its tokens stop working, the client ends up logged out. */
  revokeSessions(id: string): number;
  /** Deletes the user and everything it owns; true if it existed. */
  delete(id: string): boolean;
  /**
   * Calls `listener` when the user's access token is refreshed (custom data refresh included), when it gets a new
   * refresh token (login, link), and when its session ends (logout, revocation, deletion).
   */
  addListener(id: string, listener: UserListener): void;
  removeListener(id: string, listener: UserListener): void;
  /** Removes the listeners of one user, or of every user when no id is given. */
  removeAllListeners(id?: string): void;
}

export function viewUser(runtime: AppRuntime, user: UserRecord): MockUser {
  const local = user.identities.find((i) => i.providerType === "local-userpass");
  return {
    id: user.id,
    type: user.type,
    disabled: user.disabled,
    createdAt: new Date(user.createdAt),
    email: typeof local?.data.email === "string" ? local.data.email : undefined,
    identities: user.identities.map((i) => ({ id: i.id, providerType: i.providerType })),
    // Copies: a test changing what it got must not change the stored user or document (nor the seed).
    data: cloneValue(profileData(user)),
    customData: cloneValue(customDataFor(runtime, user.id)),
    sessionCount: sessionCountOf(runtime.state.sessions, user.id),
  };
}

export function createUsersApi(runtime: AppRuntime): MockUsers {
  const listeners = new UserListeners(runtime);
  return {
    ...createUserAdmin(runtime),
    addListener: (id, listener) => listeners.add(id, listener),
    removeListener: (id, listener) => listeners.remove(id, listener),
    removeAllListeners: (id) => listeners.removeAll(id),
    create(seed) {
      // A refused seed changes nothing: the ids it drew are given back.
      const [id] = runtime.refusable(() => applySeed(runtime, [seed], {}));
      const created = id === undefined ? undefined : runtime.state.users.get(id);
      if (!created) throw new AppServicesError("InternalServerError");
      runtime.emit({ type: "user-created", userId: created.id, provider: "test" });
      return viewUser(runtime, created);
    },
    get: (id) => {
      const user = runtime.state.users.get(id);
      return user && viewUser(runtime, user);
    },
    findByEmail(email) {
      const account = runtime.state.accounts.get(email);
      if (!account) return undefined;
      const userId = runtime.state.identities.get(identityKey("local-userpass", account.identityId));
      const user = userId === undefined ? undefined : runtime.state.users.get(userId);
      return user && viewUser(runtime, user);
    },
    list: () => [...runtime.state.users.values()].map((u) => viewUser(runtime, u)),
    revokeSessions(id) {
      requireUser(runtime, id);
      let count = 0;
      runtime.update((s) => {
        const result = dropSessions(s, id);
        count = result.count;
        return result.state;
      });
      runtime.emit({ type: "sessions-revoked", userId: id, count });
      return count;
    },
    delete(id) {
      if (!runtime.state.users.has(id)) return false;
      removeUser(runtime, id);
      return true;
    },
  };
}
