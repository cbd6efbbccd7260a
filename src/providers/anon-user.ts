import { anonymousIdentity } from "../state/identity.js";
import type { ProviderDefinition } from "./types.js";

/** Every anonymous login proves a brand-new identity: the server never reuses anonymous users (the SDK does). */
export const anonUser: ProviderDefinition = {
  type: "anon-user",
  // FIDELITY: anonymous identity ids look like "<hex>-<random>" on App Services; the suffix here is hex.
  login: (_payload, runtime) => ({ identity: anonymousIdentity(runtime.ids.hex(), runtime.ids.token(12)) }),
};
