import { kitMessage } from "../logger.js";
import type { ProviderType } from "../seed.js";

/** A status an email/password confirmation or reset function returns. */
export interface AuthFunctionStatus {
  status: "success" | "pending" | "fail";
}

/** What the confirmation function receives (App Services passes `{ username, token, tokenId }`). */
export interface ConfirmationDetails {
  username: string;
  token: string;
  tokenId: string;
}

/** What the reset function receives first; the SDK's extra arguments follow it. */
export interface ResetDetails {
  username: string;
  /** The new password the client asked for. */
  password: string;
  token: string;
  tokenId: string;
  /** Whether `password` equals the current password. */
  currentPasswordValid: boolean;
}

export type ConfirmationFunction = (
  details: ConfirmationDetails,
) => AuthFunctionStatus | Promise<AuthFunctionStatus>;
export type ResetFunction = (
  details: ResetDetails,
  ...args: unknown[]
) => AuthFunctionStatus | Promise<AuthFunctionStatus>;
/** A custom-function auth function: the EJSON-decoded login payload in, the external user id out. */
export type CustomAuthFunction = (
  payload: Record<string, unknown>,
) => string | { id: string; name?: string } | Promise<string | { id: string; name?: string }>;

/**
 * `local-userpass` settings, as in App Services `auth/providers.json`. A function can be given directly
 * (`confirmationFunction`) or by name (`confirmationFunctionName`, resolved through `createMockApp({ functions })`).
 *
 * Confirmation: `autoConfirm` defaults to `true` unless another method is chosen: a confirmation function
 * (`runConfirmationFunction`, which defaults to `true` when a confirmation function is given) or built-in e-mail
 * (`emailConfirmationUrl` set, or `autoConfirm: false`). E-mails land in `mock.outbox`.
 */
export interface EmailPasswordConfig {
  autoConfirm?: boolean;
  runConfirmationFunction?: boolean;
  confirmationFunctionName?: string;
  confirmationFunction?: ConfirmationFunction;
  /** Base URL of confirmation links; `?token=…&tokenId=…` is appended. */
  emailConfirmationUrl?: string;
  /** Reset through the function only (`sendResetPasswordEmail` then fails). Default: true when a reset function is given. */
  runResetFunction?: boolean;
  resetFunctionName?: string;
  resetFunction?: ResetFunction;
  /** Base URL of reset links; `?token=…&tokenId=…` is appended. */
  resetPasswordUrl?: string;
}

/** A custom-JWT metadata field: a claim path (dots separate, `\.` is a literal dot) copied into the user data. */
export interface MetadataField {
  name: string;
  /** Key in the user data. Default: the last segment of `name`. */
  fieldName?: string;
  required?: boolean;
}

/** `custom-token` (Custom JWT) settings. */
export interface CustomJwtConfig {
  /** Default `"HS256"`. */
  signingAlgorithm?: "HS256" | "RS256";
  /** 1 to 3 keys: HS256 secrets, or RS256 public keys as SPKI PEM. The first one that verifies wins. */
  signingKeys: readonly string[];
  /** Expected `aud` value(s). When omitted, a token that carries `aud` must name the app id. */
  audience?: string | readonly string[];
  /** With several audiences: `true` accepts any one, `false` (default) requires all. */
  requireAnyAudience?: boolean;
  metadataFields?: readonly MetadataField[];
}

/** `custom-function` settings: the auth function, directly or by name. */
export interface CustomFunctionConfig {
  authFunctionName?: string;
  authFunction?: CustomAuthFunction;
}

/** Profile fields Google and Facebook can fill. */
export const OAUTH_METADATA_NAMES = [
  "name",
  "first_name",
  "last_name",
  "email",
  "picture",
  "gender",
  "birthday",
  "min_age",
  "max_age",
] as const;

export type OAuthMetadataName = (typeof OAUTH_METADATA_NAMES)[number];

/** `oauth2-google`, `oauth2-facebook`, `oauth2-apple` settings. */
export interface OAuthConfig {
  clientId?: string;
  /** Fields copied into the profile. Default: every field the token carries. Ignored for Apple (no metadata). */
  metadataFields?: readonly { name: OAuthMetadataName; required?: boolean }[];
}

/** Providers without settings (`anon-user`, `api-key`). */
export type NoConfig = Readonly<Record<string, never>>;

/** The settings object of each provider type. */
export interface ProviderConfigs {
  "anon-user": NoConfig;
  "local-userpass": EmailPasswordConfig;
  "api-key": NoConfig;
  "custom-token": CustomJwtConfig;
  "custom-function": CustomFunctionConfig;
  "oauth2-google": OAuthConfig;
  "oauth2-facebook": OAuthConfig;
  "oauth2-apple": OAuthConfig;
}

/**
 * Auth providers to turn on, by wire name. `true` turns one on with its defaults; an object configures it;
 * `false` keeps it configured but disabled. When omitted, anonymous and email/password are on.
 */
export type ProvidersOptions = { [P in ProviderType]?: boolean | ProviderConfigs[P] };

/** Resolved confirmation and reset modes of the email/password provider. */
export interface EmailPasswordModes {
  confirmation: "auto" | "email" | "function";
  reset: "email" | "function";
}

const hasConfirmationFunction = (config: EmailPasswordConfig) =>
  config.confirmationFunction !== undefined || config.confirmationFunctionName !== undefined;
const hasResetFunction = (config: EmailPasswordConfig) =>
  config.resetFunction !== undefined || config.resetFunctionName !== undefined;

export function emailPasswordModes(config: EmailPasswordConfig): EmailPasswordModes {
  const hasConfirmFn = hasConfirmationFunction(config);
  const hasResetFn = hasResetFunction(config);
  const runConfirm = config.runConfirmationFunction ?? hasConfirmFn;
  const auto = config.autoConfirm ?? (!runConfirm && config.emailConfirmationUrl === undefined);
  return {
    confirmation: auto ? "auto" : runConfirm ? "function" : "email",
    reset: (config.runResetFunction ?? hasResetFn) ? "function" : "email",
  };
}

const fail = (message: string): never => {
  throw new Error(kitMessage(`Invalid createMockApp({ providers }): ${message}`));
};

/** Throws a kit error for contradictory or incomplete provider settings, at `createMockApp` time. */
export function validateProviders(providers: ProvidersOptions | undefined): void {
  const userpass = providers?.["local-userpass"];
  if (typeof userpass === "object") {
    const hasConfirmFn = hasConfirmationFunction(userpass);
    const hasResetFn = hasResetFunction(userpass);
    if (userpass.autoConfirm === true && userpass.runConfirmationFunction === true) {
      fail(`"local-userpass" cannot have both autoConfirm and runConfirmationFunction.`);
    }
    if (userpass.runConfirmationFunction === true && !hasConfirmFn) {
      fail(`"local-userpass" runs a confirmation function but names none (confirmationFunction[Name]).`);
    }
    if (userpass.runResetFunction === true && !hasResetFn) {
      fail(`"local-userpass" runs a reset function but names none (resetFunction[Name]).`);
    }
  }
  const jwt = providers?.["custom-token"];
  if (jwt === true) fail(`"custom-token" needs settings: { signingKeys: ["<secret>"] }.`);
  if (typeof jwt === "object") {
    if (jwt.signingKeys.length < 1 || jwt.signingKeys.length > 3) {
      fail(`"custom-token" needs 1 to 3 signingKeys.`);
    }
  }
  const fn = providers?.["custom-function"];
  if (fn === true || (typeof fn === "object" && !fn.authFunction && !fn.authFunctionName)) {
    fail(`"custom-function" needs { authFunction } or { authFunctionName }.`);
  }
}
