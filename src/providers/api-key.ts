import { AppServicesError } from "../errors.js";
import { identityRecord } from "../state/identity.js";
import type { ProviderDefinition } from "./types.js";

/**
 * User and server API keys share one provider: the key stands for its owner, whose `user_id` the login returns.
 * A user key logs in as a `normal` user, a server key (seeded on a `type: "server"` user) as a `server` user.
 */
export const apiKey: ProviderDefinition = {
  type: "api-key",
  login: (payload, runtime) => {
    const { key } = payload;
    if (typeof key !== "string" || key === "") {
      throw new AppServicesError("BadRequest", "expected a string field 'key'");
    }
    const record = runtime.state.apiKeys.find((k) => k.key === key);
    // FIDELITY: the real reply for an unknown, deleted or disabled key is unconfirmed; the kit answers as for a bad
    // password (401 "unauthorized"/InvalidPassword). Login requests carry no token, so no refresh follows.
    if (!record || record.disabled) throw new AppServicesError("InvalidPassword");
    return {
      identity: identityRecord("api-key", record.id, { name: record.name }),
      ownerId: record.userId,
    };
  },
};
