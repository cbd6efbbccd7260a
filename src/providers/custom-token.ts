import type { CryptoKey, JWTPayload } from "jose";
import { AppServicesError } from "../errors.js";
import { loadJose } from "../jose-lazy.js";
import type { AppRuntime } from "../runtime.js";
import { identityRecord } from "../state/identity.js";
import type { CustomJwtConfig } from "./config.js";
import { mapMetadata } from "./metadata.js";
import type { ProviderDefinition } from "./types.js";

// FIDELITY: App Services reports custom-JWT failures with the Go jwt library's wordings ("token is expired",
// "signature is invalid"); the exact texts, the code (AuthError here) and the status 401 are unconfirmed. Login
// requests carry no token, so a 401 here never triggers realm-web's refresh.
const refuse = (reason: string) => new AppServicesError("AuthError", reason);

async function verificationKey(config: CustomJwtConfig, key: string): Promise<Uint8Array | CryptoKey> {
  if ((config.signingAlgorithm ?? "HS256") === "HS256") return new TextEncoder().encode(key);
  return (await loadJose()).importSPKI(key, "RS256");
}

/** The configured audiences (empty: none configured). */
export function configuredAudiences(config: CustomJwtConfig): string[] {
  return config.audience === undefined ? [] : [config.audience].flat().filter((a) => a !== "");
}

/** The audiences a token must carry: the configured ones, or the app id when none is configured. */
function checkAudience(runtime: AppRuntime, config: CustomJwtConfig, aud: JWTPayload["aud"]): void {
  const sent = aud === undefined ? [] : Array.isArray(aud) ? aud : [aud];
  const configured = configuredAudiences(config);
  if (configured.length === 0) {
    // FIDELITY: the docs say an unset audience means "the app id"; the kit accepts tokens without `aud` too.
    if (sent.length > 0 && !sent.includes(runtime.id))
      throw refuse("token audience does not match the app id");
    return;
  }
  const ok = config.requireAnyAudience
    ? configured.some((a) => sent.includes(a))
    : configured.every((a) => sent.includes(a));
  if (!ok) throw refuse("token audience does not match");
}

/** Verifies a custom JWT against the configured keys, expiry (mock clock) and audience; returns its claims. */
export async function verifyCustomJwt(
  runtime: AppRuntime,
  config: CustomJwtConfig,
  token: string,
): Promise<JWTPayload> {
  if (token.split(".").length !== 3) throw refuse("token contains an invalid number of segments");
  const algorithm = config.signingAlgorithm ?? "HS256";
  const { errors: joseErrors, jwtVerify } = await loadJose();
  let last: unknown;
  for (const key of config.signingKeys) {
    try {
      const { payload } = await jwtVerify(token, await verificationKey(config, key), {
        algorithms: [algorithm],
        currentDate: new Date(runtime.now()),
        // App Services requires `exp` in a custom JWT: a token without one is refused, not accepted forever.
        requiredClaims: ["exp"],
      });
      checkAudience(runtime, config, payload.aud);
      return payload;
    } catch (error) {
      if (error instanceof AppServicesError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw refuse("token is expired");
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw refuse(`token is invalid: ${error.message}`);
      if (error instanceof joseErrors.JOSEAlgNotAllowed)
        throw refuse(`signing method is invalid (expected ${algorithm})`);
      last = error;
    }
  }
  throw refuse(
    last instanceof joseErrors.JWSSignatureVerificationFailed ? "signature is invalid" : "token is malformed",
  );
}

/** Custom JWT: the verified `sub` is the identity (same `sub` → same user); metadata fields fill the user data. */
export const customToken: ProviderDefinition = {
  type: "custom-token",
  login: async (payload, runtime) => {
    const config = runtime.providerConfig("custom-token");
    const { token } = payload;
    if (typeof token !== "string")
      throw new AppServicesError("BadRequest", "expected a string field 'token'");
    if (!config) throw new AppServicesError("AuthProviderNotFound", "custom-token");
    const claims = await verifyCustomJwt(runtime, config, token);
    if (typeof claims.sub !== "string" || claims.sub === "") throw refuse("token has no 'sub' claim");
    const data = mapMetadata(claims, config.metadataFields ?? []);
    return {
      identity: identityRecord("custom-token", claims.sub, data),
    };
  },
};
