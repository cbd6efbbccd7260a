import type { CryptoKey } from "jose";
import { loadJose } from "../jose-lazy.js";
import { kitMessage } from "../logger.js";
import { configuredAudiences } from "../providers/custom-token.js";
import { OAUTH_PROVIDER_CLAIM, type OAuthProviderType } from "../providers/oauth2.js";
import type { AppRuntime } from "../runtime.js";
import { seconds } from "../tokens.js";

/** Claims of a custom JWT; `sub` is the user's external id. `iat`, `exp` and `aud` may be overridden. */
export interface CustomJwtClaims {
  sub: string;
  [claim: string]: unknown;
}

export interface CustomJwtOptions {
  /** Lifetime in seconds from the mock clock's now. Default 3600. Negative values mint an expired token. */
  expiresIn?: number;
  /**
   * The key to sign with. Default: the first configured HS256 signing key. Required for RS256 (PKCS#8 PEM private
   * key, or a CryptoKey). Pass a different secret to mint a wrongly signed token.
   */
  signingKey?: string | CryptoKey;
}

/** A profile for `mock.tokens.google/facebook/apple`, in the provider's terms. */
export interface OAuthProfile {
  /** The provider's user id. The same `sub` always logs in the same user. */
  sub: string;
  email?: string;
  name?: string;
  firstName?: string;
  lastName?: string;
  /** Picture URL. */
  picture?: string;
  gender?: string;
  birthday?: string;
  minAge?: number;
  maxAge?: number;
}

/** Mints tokens the mock app accepts: custom JWTs and OAuth 2.0 provider tokens (`mock.tokens`). */
export interface MockTokens {
  /** A custom JWT for `Credentials.jwt(token)`, signed with the `custom-token` provider's key. */
  customJwt(claims: CustomJwtClaims, options?: CustomJwtOptions): Promise<string>;
  /** A Google ID token for `Credentials.google({ idToken })` (also accepted as `authCode`). */
  google(profile: OAuthProfile, options?: { expiresIn?: number }): Promise<string>;
  /** A Facebook access token for `Credentials.facebook(token)`. */
  facebook(profile: OAuthProfile, options?: { expiresIn?: number }): Promise<string>;
  /** An Apple ID token for `Credentials.apple(token)`. */
  apple(profile: OAuthProfile, options?: { expiresIn?: number }): Promise<string>;
}

function drop(claims: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
}

/** Provider-native claims for a profile. */
function oauthClaims(type: OAuthProviderType, p: OAuthProfile): Record<string, unknown> {
  switch (type) {
    case "oauth2-google":
      return {
        iss: "https://accounts.google.com",
        email: p.email,
        email_verified: p.email === undefined ? undefined : true,
        name: p.name,
        given_name: p.firstName,
        family_name: p.lastName,
        picture: p.picture,
        gender: p.gender,
        birthday: p.birthday,
        min_age: p.minAge,
        max_age: p.maxAge,
      };
    case "oauth2-facebook":
      return {
        id: p.sub,
        email: p.email,
        name: p.name,
        first_name: p.firstName,
        last_name: p.lastName,
        picture: p.picture === undefined ? undefined : { data: { url: p.picture } },
        gender: p.gender,
        birthday: p.birthday,
        age_range:
          p.minAge === undefined && p.maxAge === undefined
            ? undefined
            : drop({ min: p.minAge, max: p.maxAge }),
      };
    case "oauth2-apple":
      return { iss: "https://appleid.apple.com", email: p.email };
  }
}

export function createTokenHelpers(runtime: AppRuntime): MockTokens {
  const oauth = async (type: OAuthProviderType, profile: OAuthProfile, expiresIn = 3600) => {
    const iat = seconds(runtime.now());
    const clientId = runtime.options.providers?.[type];
    const aud = typeof clientId === "object" ? clientId.clientId : undefined;
    const { SignJWT } = await loadJose();
    return new SignJWT(
      drop({
        ...oauthClaims(type, profile),
        sub: profile.sub,
        aud,
        iat,
        exp: iat + expiresIn,
        mock: "app-services-mock",
        [OAUTH_PROVIDER_CLAIM]: type,
      }),
    )
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(await runtime.signingKey);
  };
  return {
    async customJwt(claims, options = {}) {
      const config = runtime.options.providers?.["custom-token"];
      if (typeof config !== "object") {
        throw new Error(
          kitMessage(
            `mock.tokens.customJwt needs createMockApp({ providers: { "custom-token": { signingKeys } } }).`,
          ),
        );
      }
      const algorithm = config.signingAlgorithm ?? "HS256";
      let key: Uint8Array | CryptoKey;
      if (typeof options.signingKey === "object") key = options.signingKey;
      else if (algorithm === "RS256") {
        if (options.signingKey === undefined) {
          throw new Error(
            kitMessage("mock.tokens.customJwt: RS256 needs { signingKey: <PKCS#8 PEM private key> }."),
          );
        }
        key = await (await loadJose()).importPKCS8(options.signingKey, "RS256");
      } else key = new TextEncoder().encode(options.signingKey ?? config.signingKeys[0] ?? "");
      const iat = seconds(runtime.now());
      const configured = configuredAudiences(config);
      const aud = configured.length === 0 ? runtime.id : configured.length === 1 ? configured[0] : configured;
      const { SignJWT } = await loadJose();
      return new SignJWT({ aud, iat, exp: iat + (options.expiresIn ?? 3600), ...claims })
        .setProtectedHeader({ alg: algorithm, typ: "JWT" })
        .sign(key);
    },
    google: (profile, options) => oauth("oauth2-google", profile, options?.expiresIn),
    facebook: (profile, options) => oauth("oauth2-facebook", profile, options?.expiresIn),
    apple: (profile, options) => oauth("oauth2-apple", profile, options?.expiresIn),
  };
}
