import type { JWTPayload } from "jose";
import { AppServicesError } from "../errors.js";
import { loadJose } from "../jose-lazy.js";
import { identityRecord } from "../state/identity.js";
import type { OAuthMetadataName } from "./config.js";
import { mapMetadata } from "./metadata.js";
import type { ProviderDefinition } from "./types.js";

export type OAuthProviderType = "oauth2-google" | "oauth2-facebook" | "oauth2-apple";

/** The claim that marks a token minted by `mock.tokens.google/facebook/apple` and names its provider. */
export const OAUTH_PROVIDER_CLAIM = "mock_oauth_provider";

/** The payload field that carries the provider token, per provider and credential form. */
const TOKEN_FIELDS: Record<OAuthProviderType, readonly string[]> = {
  "oauth2-google": ["id_token", "authCode"],
  "oauth2-facebook": ["accessToken"],
  "oauth2-apple": ["id_token"],
};

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" ? value : undefined);

/** Profile data as the provider fills it (App Services metadata field names). */
function profileFields(
  type: OAuthProviderType,
  claims: JWTPayload,
): Partial<Record<OAuthMetadataName, unknown>> {
  if (type === "oauth2-apple") return {};
  if (type === "oauth2-google") {
    return {
      name: str(claims.name),
      first_name: str(claims.given_name),
      last_name: str(claims.family_name),
      email: str(claims.email),
      picture: str(claims.picture),
      gender: str(claims.gender),
      birthday: str(claims.birthday),
      min_age: num(claims.min_age),
      max_age: num(claims.max_age),
    };
  }
  const picture = claims.picture as { data?: { url?: unknown } } | undefined;
  const ageRange = claims.age_range as { min?: unknown; max?: unknown } | undefined;
  return {
    name: str(claims.name),
    first_name: str(claims.first_name),
    last_name: str(claims.last_name),
    email: str(claims.email),
    picture: str(picture?.data?.url),
    gender: str(claims.gender),
    birthday: str(claims.birthday),
    min_age: num(ageRange?.min),
    max_age: num(ageRange?.max),
  };
}

// FIDELITY: the real server verifies tokens with Google/Facebook/Apple; the kit accepts only tokens minted by
// `mock.tokens.*` for this mock app. Wordings and the code AuthError (401) are unconfirmed.
const refuse = (reason: string) => new AppServicesError("AuthError", reason);

/**
 * FIDELITY: the OAuth 2.0 redirect flow (login without a token, `GET …/login?redirect=…`, and the link variant)
 * needs a browser and a real identity provider; the kit answers 501.
 */
export function redirectNotEmulated(provider: string): AppServicesError {
  return new AppServicesError(
    "NotImplemented",
    "The OAuth 2.0 redirect flow of",
    `${provider} (log in with a token from mock.tokens.google/facebook/apple instead)`,
  );
}

function oauthProvider(type: OAuthProviderType): ProviderDefinition {
  return {
    type,
    login: async (payload, runtime) => {
      const field = TOKEN_FIELDS[type].find((f) => typeof payload[f] === "string");
      const token = field === undefined ? undefined : (payload[field] as string);
      if (token === undefined) throw redirectNotEmulated(type);
      let claims: JWTPayload;
      const { errors: joseErrors, jwtVerify } = await loadJose();
      try {
        ({ payload: claims } = await jwtVerify(token, await runtime.signingKey, {
          algorithms: ["HS256"],
          currentDate: new Date(runtime.now()),
        }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw refuse("token is expired");
        throw refuse(`invalid ${type} token: not minted by this mock app's mock.tokens`);
      }
      if (claims[OAUTH_PROVIDER_CLAIM] !== type || typeof claims.sub !== "string") {
        throw refuse(`invalid ${type} token: minted for ${String(claims[OAUTH_PROVIDER_CLAIM])}`);
      }
      const config = runtime.providerConfig(type) ?? {};
      if (config.clientId !== undefined && type !== "oauth2-facebook") {
        const aud = claims.aud === undefined ? [] : [claims.aud].flat();
        if (!aud.includes(config.clientId)) throw refuse("token audience does not match the client id");
      }
      const fields = profileFields(type, claims);
      const wanted: readonly { name: OAuthMetadataName; required?: boolean }[] =
        config.metadataFields ?? Object.keys(fields).map((name) => ({ name: name as OAuthMetadataName }));
      const data = mapMetadata(fields, type === "oauth2-apple" ? [] : wanted);
      return { identity: identityRecord(type, claims.sub, data) };
    },
  };
}

export const oauth2Google = oauthProvider("oauth2-google");
export const oauth2Facebook = oauthProvider("oauth2-facebook");
export const oauth2Apple = oauthProvider("oauth2-apple");
