import { decodeJwtPart, decodeJwtSegment, encodeBase64url } from "./base64url.js";
import { AppServicesError } from "./errors.js";
import { hmacSha256Sync } from "./hmac-sync.js";
import { loadJose } from "./jose-lazy.js";
import type { AppRuntime } from "./runtime.js";
import type { SessionRecord } from "./state/types.js";

export type TokenType = "access" | "refresh";

/** Claims the kit puts in its tokens (and reads back). */
export interface TokenClaims {
  sub: string;
  typ: TokenType;
  iat: number;
  exp: number;
  /** The session (refresh token) this token belongs to. */
  baas_id: string;
  baas_device_id: string;
  baas_domain_id: string;
  user_data?: Record<string, unknown>;
  /** The session's access epoch when minted, when above 0 (see `SessionRecord.accessEpoch`). */
  mock_epoch?: number;
  /** Marks every minted token as fake. */
  mock: "app-services-mock";
}

/** Epoch milliseconds → JWT NumericDate (whole seconds). */
export const seconds = (ms: number) => Math.floor(ms / 1000);

const encodeJson = (value: object): string => encodeBase64url(JSON.stringify(value));

/**
 * Signs a token: synchronously with node:crypto where available (~5 µs), else with WebCrypto through jose. Either
 * way the token is remembered as verified: the kit never checks its own signature again.
 */
async function sign(runtime: AppRuntime, claims: TokenClaims): Promise<string> {
  const header = { alg: "HS256", typ: "JWT", kid: runtime.instanceKey };
  let token: string;
  if (hmacSha256Sync !== undefined) {
    const input = `${encodeJson(header)}.${encodeJson(claims)}`;
    token = `${input}.${hmacSha256Sync(runtime.signingSecret, input)}`;
  } else {
    const { SignJWT } = await loadJose();
    token = await new SignJWT({ ...claims }).setProtectedHeader(header).sign(await runtime.signingKey);
  }
  remember(runtime, token, claims);
  return token;
}

/**
 * Mints an access token for a session. `user_data` carries the custom user data read at this moment
 * (omitted when there is none, as App Services does).
 */
export function mintAccessToken(
  runtime: AppRuntime,
  session: SessionRecord,
  customData: Record<string, unknown> | undefined,
): Promise<string> {
  const iat = seconds(runtime.now());
  const claims: TokenClaims = {
    sub: session.userId,
    typ: "access",
    iat,
    exp: iat + runtime.accessTtl,
    baas_id: session.id,
    baas_device_id: session.deviceId,
    baas_domain_id: runtime.domainId,
    mock: "app-services-mock",
  };
  if (customData !== undefined) claims.user_data = customData;
  // The live record: the epoch may have moved since the caller read the session.
  const epoch = runtime.state.sessions.get(session.id)?.accessEpoch ?? session.accessEpoch ?? 0;
  if (epoch > 0) claims.mock_epoch = epoch;
  return sign(runtime, claims);
}

export function mintRefreshToken(runtime: AppRuntime, session: SessionRecord): Promise<string> {
  return sign(runtime, {
    sub: session.userId,
    typ: "refresh",
    iat: seconds(session.createdAt),
    exp: seconds(session.expiresAt),
    baas_id: session.id,
    baas_device_id: session.deviceId,
    baas_domain_id: runtime.domainId,
    mock: "app-services-mock",
  });
}

/** `kid`s of recent bearer tokens: every request of a user carries the same token until it is refreshed. */
const kids = new Map<string, string | undefined>();
const KIDS_CAP = 1_000;

/** The `kid` of a bearer token, or undefined when it is no JWT. Does not verify anything. */
export function tokenInstanceKey(token: string): string | undefined {
  if (kids.has(token)) return kids.get(token);
  let kid: string | undefined;
  try {
    const header = decodeJwtPart(token, 0);
    kid = typeof header.kid === "string" ? header.kid : undefined;
  } catch {
    kid = undefined;
  }
  if (kids.size >= KIDS_CAP) kids.clear();
  kids.set(token, kid);
  return kid;
}

// FIDELITY: the real server's wordings for bad tokens vary ("invalid session: access token expired",
// "token contains an invalid number of segments"); the code InvalidSession and status 401 are what realm-web reads.
const invalid = (reason: string) => new AppServicesError("InvalidSession", `: ${reason}`);

/**
 * Tokens whose signature already checked out, per app. WebCrypto verifies on the thread pool, so a fresh check
 * costs a round trip (~0.4 ms) on every authenticated request; expiry and type are still checked every time.
 */
const verified = new WeakMap<AppRuntime, Map<string, TokenClaims>>();
const VERIFIED_CAP = 10_000;

function remember(runtime: AppRuntime, token: string, claims: TokenClaims): void {
  let cache = verified.get(runtime.root);
  if (!cache) {
    cache = new Map();
    verified.set(runtime.root, cache);
  }
  if (cache.size >= VERIFIED_CAP) cache.clear();
  cache.set(token, claims);
}

/** The claims of a token signed with this app's key (HS256), checked with node:crypto; throws otherwise. */
function verifySync(
  runtime: AppRuntime,
  token: string,
  hmac: NonNullable<typeof hmacSha256Sync>,
): TokenClaims {
  const [header, payload, signature] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined) throw new Error("segments");
  if (decodeJwtSegment(header).alg !== "HS256") throw new Error("algorithm");
  if (hmac(runtime.signingSecret, `${header}.${payload}`) !== signature) throw new Error("signature");
  return decodeJwtSegment(payload) as unknown as TokenClaims;
}

async function signatureClaims(runtime: AppRuntime, token: string): Promise<TokenClaims> {
  const hit = verified.get(runtime.root)?.get(token);
  if (hit) return hit;
  let claims: TokenClaims;
  if (hmacSha256Sync !== undefined) {
    claims = verifySync(runtime, token, hmacSha256Sync);
  } else {
    const { jwtVerify } = await loadJose();
    const { payload } = await jwtVerify(token, await runtime.signingKey, {
      algorithms: ["HS256"],
      currentDate: new Date(runtime.now()),
    });
    claims = payload as unknown as TokenClaims;
  }
  remember(runtime, token, claims);
  return claims;
}

/** An expired token, told apart from a bad one (jose's own expiry error has the code ERR_JWT_EXPIRED). */
class TokenExpired extends Error {}

/** Verifies signature, type and expiry (against the injected clock). Session liveness is checked by the caller. */
export async function verifyToken(runtime: AppRuntime, token: string, typ: TokenType): Promise<TokenClaims> {
  if (token.split(".").length !== 3) {
    throw invalid(
      typ === "refresh" ? "failed to find refresh token" : "token contains an invalid number of segments",
    );
  }
  let claims: TokenClaims;
  try {
    claims = await signatureClaims(runtime, token);
    // jose's rule, applied again for cached tokens: expired once `exp` is not after now.
    if (claims.exp <= seconds(runtime.now())) throw new TokenExpired();
  } catch (error) {
    // realm-web swallows a logout failure only if it mentions "failed to find refresh token": every refresh-token
    // failure says so, whatever the cause.
    if (typ === "refresh") throw invalid("failed to find refresh token");
    if (error instanceof TokenExpired || (error as { code?: unknown }).code === "ERR_JWT_EXPIRED") {
      throw invalid("access token expired");
    }
    throw invalid("signature is invalid");
  }
  if (claims.typ !== typ) {
    throw invalid(typ === "refresh" ? "failed to find refresh token" : `expected ${typ} token`);
  }
  return claims;
}
