/**
 * Sessions by user: user id → session ids, per version of `state.sessions`. Every write through the functions
 * here hands the index on to the new version with only its change applied; a version made otherwise (seed,
 * restore) builds it once, on its first lookup. Keeps `sessionCount`, `revokeSessions` and user deletion
 * proportional to the user's own sessions.
 */
import type { SessionRecord, State } from "./types.js";
import { addToSet, VersionedIndex } from "./versioned-index.js";

type Sessions = State["sessions"];
type ByUser = Map<string, Set<string>>;

const byUser = new VersionedIndex<Sessions, ByUser>((sessions) => {
  const index: ByUser = new Map();
  for (const [id, session] of sessions) addToSet(index, session.userId, id);
  return index;
});

/** How many sessions a user has. */
export function sessionCountOf(sessions: Sessions, userId: string): number {
  return byUser.of(sessions).get(userId)?.size ?? 0;
}

/** The ids of a user's sessions. */
export function sessionIdsOf(sessions: Sessions, userId: string): readonly string[] {
  return [...(byUser.of(sessions).get(userId) ?? [])];
}

export function putSession(sessions: Sessions, session: SessionRecord): Sessions {
  const previous = sessions.get(session.id);
  return byUser.carry(sessions, sessions.set(session.id, session), (index) => {
    if (previous) index.get(previous.userId)?.delete(session.id);
    addToSet(index, session.userId, session.id);
  });
}

export function endSession(sessions: Sessions, id: string): Sessions {
  const previous = sessions.get(id);
  return byUser.carry(sessions, sessions.delete(id), (index) => {
    if (previous) index.get(previous.userId)?.delete(id);
  });
}

/** Ends every session of a user. */
export function endUserSessions(sessions: Sessions, userId: string): Sessions {
  const ids = sessionIdsOf(sessions, userId);
  if (ids.length === 0) return sessions;
  return byUser.carry(sessions, sessions.deleteAll(ids), (index) => index.delete(userId));
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
  return byUser.carry(sessions, next, () => {});
}
