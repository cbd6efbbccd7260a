import { kitMessage } from "../logger.js";
import type { TokenOptions } from "../options.js";
import type { AppRuntime } from "../runtime.js";
import { mapSessions } from "../state/sessions.js";
import type { SessionRecord } from "../state/types.js";
import { requireUser } from "../state/users.js";

/** Token lifetimes in seconds. */
export type TokenTtls = Required<TokenOptions>;

/**
 * Token lifecycle on demand (`mock.time`). Everything goes through the mock's state and clock: nothing waits, and
 * `vi.useFakeTimers()` keeps working.
 */
export interface MockTime {
  /**
   * Expires the access tokens of one user's sessions (or of every session) now: the next request with one is
   * answered `401 InvalidSession` ("access token expired"), and realm-web refreshes and retries. Tokens minted
   * afterwards work. Returns the number of sessions touched; journals `tokens-expired`.
   */
  expireAccessTokens(userId?: string): number;
  /**
   * Expires the refresh tokens (sessions) of one user (or of every user) now: the session ends, so its access
   * tokens stop working too, the next refresh fails and realm-web logs the user out. Journals `tokens-expired`.
   */
  expireRefreshTokens(userId?: string): number;
  /** Lifetimes of tokens minted from now on (access) and of sessions opened from now on (refresh), until `reset()`. */
  setTokenTtls(ttls: TokenOptions): void;
  /** The lifetimes in force. */
  tokenTtls(): TokenTtls;
}

function ttl(name: keyof TokenOptions, value: number | undefined, current: number): number {
  if (value === undefined) return current;
  if (!Number.isFinite(value) || value < 1) {
    // A token minted already expired would make realm-web refresh and retry forever.
    throw new Error(
      kitMessage(`mock.time.setTokenTtls({ ${name} }) must be a number of seconds ≥ 1, got ${value}.`),
    );
  }
  return value;
}

export function createTimeApi(runtime: AppRuntime): MockTime {
  const configured: TokenTtls = {
    accessTokenTtlSeconds: runtime.accessTtl,
    refreshTokenTtlSeconds: runtime.refreshTtl,
  };
  runtime.onReset(() => {
    runtime.accessTtl = configured.accessTokenTtlSeconds;
    runtime.refreshTtl = configured.refreshTokenTtlSeconds;
  });
  /** Changes the sessions of one user (or all) with `change` and journals it. */
  const expire = (
    token: "access" | "refresh",
    userId: string | undefined,
    change: (session: SessionRecord) => SessionRecord,
  ): number => {
    if (userId !== undefined) requireUser(runtime, userId);
    let sessions = 0;
    runtime.update((s) => ({
      ...s,
      sessions: mapSessions(s.sessions, userId, (session) => {
        sessions += 1;
        return change(session);
      }),
    }));
    runtime.emit({ type: "tokens-expired", token, userId: userId ?? null, sessions });
    return sessions;
  };
  return {
    expireAccessTokens: (userId) =>
      expire("access", userId, (session) => ({ ...session, accessEpoch: (session.accessEpoch ?? 0) + 1 })),
    expireRefreshTokens: (userId) =>
      expire("refresh", userId, (session) => ({
        ...session,
        expiresAt: Math.min(session.expiresAt, runtime.now()),
      })),
    setTokenTtls(ttls) {
      const access = ttl("accessTokenTtlSeconds", ttls.accessTokenTtlSeconds, runtime.accessTtl);
      const refresh = ttl("refreshTokenTtlSeconds", ttls.refreshTokenTtlSeconds, runtime.refreshTtl);
      runtime.accessTtl = access;
      runtime.refreshTtl = refresh;
    },
    tokenTtls: () => ({
      accessTokenTtlSeconds: runtime.accessTtl,
      refreshTokenTtlSeconds: runtime.refreshTtl,
    }),
  };
}
