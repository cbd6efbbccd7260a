import type { AppRuntime } from "../runtime.js";
import type { MockEvent, MockEventType } from "./types.js";

/** A per-user listener; receives the event that fired it. */
export type UserListener = (event: MockEvent) => void;

/**
 * The events that fire a user's listeners, following what the SDK docs give `User.addListener`: access-token
 * refresh (which is also the custom-data refresh), a new refresh token (login, link), logout, and the server-side
 * ends of a session (revocation, deletion).
 */
export const USER_CHANGE_EVENTS: ReadonlySet<MockEventType> = new Set<MockEventType>([
  "access-token-refreshed",
  "logged-in",
  "identity-linked",
  "logged-out",
  "sessions-revoked",
  "user-deleted",
]);

/** Per-user listeners (`mock.users.addListener`): realm-web 2.0.1 throws "Not yet implemented" for its own. */
export class UserListeners {
  private readonly byUser = new Map<string, Set<UserListener>>();
  private readonly unsubscribe: () => void;

  constructor(runtime: AppRuntime) {
    this.unsubscribe = runtime.subscribe((event) => {
      if (!USER_CHANGE_EVENTS.has(event.type) || !("userId" in event) || event.userId === null) return;
      for (const listener of [...(this.byUser.get(event.userId) ?? [])]) listener(event);
    });
  }

  add(userId: string, listener: UserListener): void {
    const set = this.byUser.get(userId) ?? new Set();
    set.add(listener);
    this.byUser.set(userId, set);
  }

  remove(userId: string, listener: UserListener): void {
    this.byUser.get(userId)?.delete(listener);
  }

  /** Removes the listeners of one user, or of every user. */
  removeAll(userId?: string): void {
    if (userId === undefined) this.byUser.clear();
    else this.byUser.delete(userId);
  }

  dispose(): void {
    this.byUser.clear();
    this.unsubscribe();
  }
}
