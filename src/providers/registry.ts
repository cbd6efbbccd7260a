import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
import { anonUser } from "./anon-user.js";
import { localUserpass } from "./local-userpass.js";
import type { ProviderDefinition } from "./types.js";

const known = new Map<string, ProviderDefinition>([anonUser, localUserpass].map((p) => [p.type, p]));

/** Registers a provider implementation (used by provider modules of later features). */
export function registerProvider(definition: ProviderDefinition): void {
  known.set(definition.type, definition);
}

/** The provider for a login route, or the error App Services answers. */
export function providerFor(runtime: AppRuntime, name: string): ProviderDefinition {
  const definition = known.get(name);
  // FIDELITY: status and wording for unknown and disabled providers are unconfirmed.
  if (!definition) throw new AppServicesError("AuthProviderNotFound", name);
  if (!runtime.providerEnabled(definition.type)) throw new AppServicesError("ProviderDisabled", name);
  return definition;
}
