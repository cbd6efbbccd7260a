import type { ProviderDefinition } from "./types.js";

/** Every anonymous login proves a brand-new identity: the server never reuses anonymous users (the SDK does). */
export const anonUser: ProviderDefinition = {
  type: "anon-user",
  login: (_payload, runtime) => {
    // FIDELITY: anonymous identity ids look like "<hex>-<random>" on App Services; the suffix here is hex.
    const id = `${runtime.ids.hex()}-${runtime.ids.token(12)}`;
    return { identity: { id, providerType: "anon-user", key: `anon-user:${id}`, data: {} } };
  },
};
