// Auth providers of an exported app → the kit's `providers` option (src/providers/config.ts). Function names
// (confirmation, reset, custom-function login) must name loaded functions; they run in the sandbox.
import {
  type CustomJwtConfig,
  type EmailPasswordConfig,
  type MetadataField,
  OAUTH_METADATA_NAMES,
  type OAuthConfig,
  type OAuthMetadataName,
  type ProvidersOptions,
} from "../../providers/config.js";
import {
  at,
  fail,
  field,
  type JsonObject,
  optionalBoolean,
  optionalString,
  setOwn,
  string,
  type Where,
} from "./fields.js";
import type { ProviderModel } from "./model.js";

/** What mapping needs besides the provider: function names, secret lookup, the unsupported list. */
export interface ProviderMapping {
  readonly functionNames: ReadonlySet<string>;
  /** The value of a named secret (a placeholder, reported, when the app ships none). */
  secret(name: string, where: Where): string;
  readonly unsupported: string[];
}

const OAUTH_FIELDS: ReadonlySet<string> = new Set<OAuthMetadataName>(OAUTH_METADATA_NAMES);

function functionName(
  config: JsonObject,
  key: string,
  where: Where,
  mapping: ProviderMapping,
): string | undefined {
  const name = optionalString(config, key, where) || undefined;
  if (name !== undefined && !mapping.functionNames.has(name)) {
    fail(
      at(where, key),
      `no function named "${name}" (functions: ${[...mapping.functionNames].join(", ") || "none"})`,
    );
  }
  return name;
}

function emailPassword(p: ProviderModel, mapping: ProviderMapping): EmailPasswordConfig {
  const where = at(p.where, "config");
  const c = p.config;
  const out: EmailPasswordConfig = {};
  const autoConfirm = optionalBoolean(c, "autoConfirm", where);
  const runConfirm = optionalBoolean(c, "runConfirmationFunction", where);
  const runReset = optionalBoolean(c, "runResetFunction", where);
  const confirmName = functionName(c, "confirmationFunctionName", where, mapping);
  const resetName = functionName(c, "resetFunctionName", where, mapping);
  if (autoConfirm === true && runConfirm === true) {
    fail(at(where, "runConfirmationFunction"), "cannot be true together with autoConfirm");
  }
  if (runConfirm === true && confirmName === undefined) {
    fail(at(where, "confirmationFunctionName"), "runConfirmationFunction is true but no function is named");
  }
  if (runReset === true && resetName === undefined) {
    fail(at(where, "resetFunctionName"), "runResetFunction is true but no function is named");
  }
  if (autoConfirm !== undefined) out.autoConfirm = autoConfirm;
  if (runConfirm !== undefined) out.runConfirmationFunction = runConfirm;
  if (confirmName !== undefined) out.confirmationFunctionName = confirmName;
  if (runReset !== undefined) out.runResetFunction = runReset;
  if (resetName !== undefined) out.resetFunctionName = resetName;
  const confirmUrl = optionalString(c, "emailConfirmationUrl", where);
  if (confirmUrl) out.emailConfirmationUrl = confirmUrl;
  const resetUrl = optionalString(c, "resetPasswordUrl", where);
  if (resetUrl) out.resetPasswordUrl = resetUrl;
  for (const key of ["confirmEmailSubject", "resetPasswordSubject"]) {
    if (optionalString(c, key, where))
      mapping.unsupported.push(`${where.file}: ${where.field}.${key} (e-mail subjects)`);
  }
  return out;
}

const metadataFields = (p: ProviderModel): MetadataField[] =>
  p.metadataFields.map((entry, i) => {
    const where = at(at(p.where, "metadata_fields"), i);
    const name = string(entry, "name", where);
    const fieldName = optionalString(entry, "field_name", where);
    return {
      name,
      ...(fieldName ? { fieldName } : {}),
      required: optionalBoolean(entry, "required", where) ?? false,
    };
  });

function customJwt(p: ProviderModel, mapping: ProviderMapping): CustomJwtConfig {
  const where = at(p.where, "config");
  const c = p.config;
  const secretWhere = at(p.where, "secret_config");
  const keyNames = field(p.secretConfig, "signingKeys");
  const names = Array.isArray(keyNames) ? keyNames.filter((k): k is string => typeof k === "string") : [];
  const useJwk = optionalBoolean(c, "useJWKURI", where) === true;
  let algorithm = optionalString(c, "signingAlgorithm", where) ?? "HS256";
  let signingKeys: string[];
  if (useJwk) {
    mapping.unsupported.push(
      `${where.file}: ${where.field}.useJWKURI (JWK URIs are not fetched; the provider verifies HS256 tokens from mock.tokens.customJwt)`,
    );
    algorithm = "HS256";
    signingKeys = [mapping.secret(`${p.name}-jwk`, at(where, "jwkURI"))];
  } else {
    if (algorithm !== "HS256" && algorithm !== "RS256") {
      fail(at(where, "signingAlgorithm"), `expected "HS256" or "RS256", got "${algorithm}"`);
    }
    if (names.length < 1 || names.length > 3)
      fail(at(secretWhere, "signingKeys"), "expected 1 to 3 secret names");
    signingKeys = names.map((name, i) => mapping.secret(name, at(at(secretWhere, "signingKeys"), i)));
  }
  const audience = field(c, "audience");
  const out: CustomJwtConfig = {
    signingAlgorithm: algorithm as "HS256" | "RS256",
    signingKeys,
    metadataFields: metadataFields(p),
  };
  if (typeof audience === "string" && audience !== "") out.audience = audience;
  if (Array.isArray(audience) && audience.length > 0) out.audience = audience.map(String);
  const any = optionalBoolean(c, "requireAnyAudience", where);
  if (any !== undefined) out.requireAnyAudience = any;
  return out;
}

function oauth(p: ProviderModel, mapping: ProviderMapping): OAuthConfig {
  const where = at(p.where, "config");
  const out: OAuthConfig = {};
  const clientId = optionalString(p.config, "clientId", where);
  if (clientId) out.clientId = clientId;
  if (p.type !== "oauth2-apple" && p.metadataFields.length > 0) {
    out.metadataFields = metadataFields(p).map((entry, i) => {
      if (!OAUTH_FIELDS.has(entry.name)) {
        fail(at(at(at(p.where, "metadata_fields"), i), "name"), `unknown profile field "${entry.name}"`);
      }
      return { name: entry.name as OAuthMetadataName, required: entry.required ?? false };
    });
  }
  if (p.domainRestrictions.length > 0) {
    mapping.unsupported.push(`${p.where.file}: ${p.where.field}.domain_restrictions`);
  }
  return out;
}

/** Maps every provider; unknown types are reported, disabled ones configured as `false`. */
export function mapProviders(
  providers: readonly ProviderModel[],
  mapping: ProviderMapping,
): ProvidersOptions {
  const out: Record<string, unknown> = {};
  for (const p of providers) {
    if (p.disabled) {
      setOwn(out, p.type, false);
      continue;
    }
    switch (p.type) {
      case "anon-user":
      case "api-key":
        setOwn(out, p.type, true);
        break;
      case "local-userpass":
        setOwn(out, p.type, emailPassword(p, mapping));
        break;
      case "custom-token":
        setOwn(out, p.type, customJwt(p, mapping));
        break;
      case "custom-function": {
        const where = at(p.where, "config");
        const name = functionName(p.config, "authFunctionName", where, mapping);
        if (name === undefined)
          fail(at(where, "authFunctionName"), "expected the name of the login function");
        setOwn(out, p.type, { authFunctionName: name });
        break;
      }
      case "oauth2-google":
      case "oauth2-facebook":
      case "oauth2-apple":
        setOwn(out, p.type, oauth(p, mapping));
        break;
      default:
        mapping.unsupported.push(`${p.where.file}: ${p.where.field || p.name} (provider type "${p.type}")`);
    }
  }
  return out as ProvidersOptions;
}
