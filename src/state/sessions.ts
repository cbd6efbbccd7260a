/**
 * Sessions by user: user id → session ids, per version of `state.sessions`. Every write through the functions
 * here hands the index on to the new version with only its change applied; a version made otherwise (seed,
 * restore) builds it once, on its first lookup. Keeps `sessionCount`, `revokeSessions` and user deletion
 * proportional to the user's own sessions.
 */
import type { SessionRecord, State } from "./types.js";

type Sessions = State["sessions"];
type ByUser = Map<string, Set<string>>;

const indexes = new WeakMap<Sessions, ByUser>();

function indexOf(sessions: Sessions): ByUser {
  let index = indexes.get(sessions);
  if (!index) {
    index = new Map();
    for (const [id, session] of sessions) addTo(index, session.userId, id);
    indexes.set(sessions, index);
  }
  return index;
}

function addTo(index: ByUser, userId: string, id: string): void {
  const ids = index.get(userId);
  if (ids) ids.add(id);
  else index.set(userId, new Set([id]));
}

/** Moves the index of `before` (if built) to `after`, applying `change` to it; `before` then rebuilds if read. */
function carry(before: Sessions, after: Sessions, change: (index: ByUser) => void): Sessions {
  const index = indexes.get(before);
  if (index === undefined || before === after) return after;
  indexes.delete(before);
  change(index);
  indexes.set(after, index);
  return after;
}

/** How many sessions a user has. */
export function sessionCountOf(sessions: Sessions, userId: string): number {
  return indexOf(sessions).get(userId)?.size ?? 0;
}

/** The ids of a user's sessions. */
export function sessionIdsOf(sessions: Sessions, userId: string): readonly string[] {
  return [...(indexOf(sessions).get(userId) ?? [])];
}

export function putSession(sessions: Sessions, session: SessionRecord): Sessions {
  const previous = sessions.get(session.id);
  return carry(sessions, sessions.set(session.id, session), (index) => {
    if (previous) index.get(previous.userId)?.delete(session.id);
    addTo(index, session.userId, session.id);
  });
}

export function endSession(sessions: Sessions, id: string): Sessions {
  const previous = sessions.get(id);
  return carry(sessions, sessions.delete(id), (index) => {
    if (previous) index.get(previous.userId)?.delete(id);
  });
}

/** Ends every session of a user. */
export function endUserSessions(sessions: Sessions, userId: string): Sessions {
  const ids = sessionIdsOf(sessions, userId);
  if (ids.length === 0) return sessions;
  return carry(sessions, sessions.deleteAll(ids), (index) => index.delete(userId));
}

/** Replaces the sessions of one user (or all) with `change(session)`; ids and owners stay. */
export function mapSessions(
  sessions: Sessions,
  userId: string | undefined,
  change: (session: SessionRecord) => SessionRecord,
): Sessions {
  const next =
    userId === undefined
      ? sessions.map(change)
      : sessions.withMutations((map) => {
          for (const id of sessionIdsOf(sessions, userId)) {
            const session = map.get(id);
            if (session) map.set(id, change(session));
          }
        });
  return carry(sessions, next, () => {});
}
