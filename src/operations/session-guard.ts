import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
import type { SessionRecord, UserRecord } from "../state/types.js";
import { type TokenClaims, type TokenType, verifyToken } from "../tokens.js";

/** A request whose bearer token checked out. */
export interface Authenticated {
  readonly token: string;
  readonly claims: TokenClaims;
  readonly session: SessionRecord;
  readonly user: UserRecord;
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

/**
 * Verifies a bearer token: signature, expiry against the mock's clock, token type, a live session and an enabled
 * user. Anything else is `401 InvalidSession`, which makes realm-web refresh (access) or log out (refresh).
 */
export async function authenticate(
  { runtime, request }: { readonly runtime: AppRuntime; readonly request: Request },
  typ: TokenType,
  options: { allowDisabled?: boolean } = {},
): Promise<Authenticated> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token === undefined) throw new AppServicesError("InvalidSession", ": must authenticate first");
  const claims = await verifyToken(runtime, token, typ);
  const session = runtime.state.sessions.get(claims.baas_id);
  if (!session || session.userId !== claims.sub || session.expiresAt <= runtime.now()) {
    // FIDELITY: realm-web swallows a logout error only if its message contains "failed to find refresh token".
    throw new AppServicesError("InvalidSession", ": failed to find refresh token");
  }
  if (typ === "access" && (claims.mock_epoch ?? 0) < (session.accessEpoch ?? 0)) {
    throw new AppServicesError("InvalidSession", ": access token expired");
  }
  const user = runtime.state.users.get(session.userId);
  if (!user) throw new AppServicesError("InvalidSession", ": failed to find refresh token");
  // FIDELITY: a disabled user's requests are refused with UserDisabled (401 without refresh markers, so the client
  // does not loop); status and wording are unconfirmed.
  if (user.disabled && !options.allowDisabled) throw new AppServicesError("UserDisabled");
  return { token, claims, session, user };
}
