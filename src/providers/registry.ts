import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
import { anonUser } from "./anon-user.js";
import { apiKey } from "./api-key.js";
import { customFunction } from "./custom-function.js";
import { customToken } from "./custom-token.js";
import { localUserpass } from "./local-userpass.js";
import { oauth2Apple, oauth2Facebook, oauth2Google } from "./oauth2.js";
import type { ProviderDefinition } from "./types.js";

const known = new Map<string, ProviderDefinition>(
  [
    anonUser,
    localUserpass,
    apiKey,
    customToken,
    customFunction,
    oauth2Google,
    oauth2Facebook,
    oauth2Apple,
  ].map((p) => [p.type, p]),
);

/**
 * The provider for a login route, or the error App Services answers.
 *
 * FIDELITY: status and wording for unknown and disabled providers are unconfirmed. A provider the app does not
 * configure at all (unknown name, or absent from `providers`) is `404 AuthProviderNotFound` "authentication via
 * '<name>' is unsupported"; one configured as `false` (App Services `"disabled": true`) is `400 ProviderDisabled`.
 */
export function providerFor(runtime: AppRuntime, name: string): ProviderDefinition {
  const definition = known.get(name);
  if (!definition) throw new AppServicesError("AuthProviderNotFound", name);
  if (!runtime.providerEnabled(definition.type)) {
    const configured = runtime.options.providers?.[definition.type] === false;
    throw new AppServicesError(configured ? "ProviderDisabled" : "AuthProviderNotFound", name);
  }
  return definition;
}
