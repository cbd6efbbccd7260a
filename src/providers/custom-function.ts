import { AppServicesError, isAppServicesError } from "../errors.js";
import { thrownMessage } from "../functions/time-limit.js";
import { callAuthFunction } from "../operations/auth-functions.js";
import { identityRecord } from "../state/identity.js";
import type { ProviderDefinition } from "./types.js";

/** The external id (and optional display name) an auth function returned. */
function externalIdOf(result: unknown): { id: string; name?: string } {
  if (typeof result === "string" && result !== "") return { id: result };
  const object = result as { id?: unknown; name?: unknown } | null | undefined;
  if (typeof object?.id === "string" && object.id !== "") {
    return typeof object.name === "string" ? { id: object.id, name: object.name } : { id: object.id };
  }
  throw new AppServicesError("AuthError", "authentication function must return a string id or { id }");
}

/**
 * Custom function: the auth function receives the EJSON-decoded payload and returns the external id; the same id
 * always logs in the same user.
 */
export const customFunction: ProviderDefinition = {
  type: "custom-function",
  login: async (payload, runtime) => {
    const config = runtime.providerConfig("custom-function") ?? {};
    let result: unknown;
    try {
      result = await callAuthFunction(runtime, config.authFunction, config.authFunctionName, [
        { ...payload },
      ]);
    } catch (error) {
      if (isAppServicesError(error) && error.code === "FunctionNotFound") throw error;
      // FIDELITY: the docs say a throw rejects the login with 401 and the thrown message; the code (AuthError) is
      // unconfirmed. Login carries no token, so realm-web does not refresh whatever the message says.
      throw new AppServicesError("AuthError", thrownMessage(error));
    }
    const { id, name } = externalIdOf(result);
    return {
      identity: identityRecord("custom-function", id, name === undefined ? {} : { name }),
    };
  },
};
