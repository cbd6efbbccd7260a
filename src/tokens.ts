import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { AppServicesError } from "./errors.js";
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
  /** Marks every minted token as fake. */
  mock: "app-services-mock";
}

const seconds = (ms: number) => Math.floor(ms / 1000);

async function sign(runtime: AppRuntime, claims: TokenClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: runtime.instanceKey })
    .sign(await runtime.signingKey);
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

/** The `kid` of a bearer token, or undefined when it is no JWT. Does not verify anything. */
export function tokenInstanceKey(token: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === "string" ? kid : undefined;
  } catch {
    return undefined;
  }
}

// FIDELITY: the real server's wordings for bad tokens vary ("invalid session: access token expired",
// "token contains an invalid number of segments"); the code InvalidSession and status 401 are what realm-web reads.
const invalid = (reason: string) => new AppServicesError("InvalidSession", `: ${reason}`);

/** Verifies signature, type and expiry (against the injected clock). Session liveness is checked by the caller. */
export async function verifyToken(runtime: AppRuntime, token: string, typ: TokenType): Promise<TokenClaims> {
  if (token.split(".").length !== 3) {
    throw invalid(
      typ === "refresh" ? "failed to find refresh token" : "token contains an invalid number of segments",
    );
  }
  try {
    const { payload } = await jwtVerify(token, await runtime.signingKey, {
      algorithms: ["HS256"],
      currentDate: new Date(runtime.now()),
    });
    if (payload.typ !== typ) {
      throw invalid(typ === "refresh" ? "failed to find refresh token" : `expected ${typ} token`);
    }
    return payload as unknown as TokenClaims;
  } catch (error) {
    if (error instanceof AppServicesError) throw error;
    // realm-web swallows a logout failure only if it mentions "failed to find refresh token": every refresh-token
    // failure says so, whatever the cause.
    if (typ === "refresh") throw invalid("failed to find refresh token");
    if (error instanceof joseErrors.JWTExpired) throw invalid("access token expired");
    throw invalid("signature is invalid");
  }
}
