import { AppServicesError } from "../errors.js";
import { accountIdentity } from "../state/identity.js";
import type { ProviderDefinition } from "./types.js";

export const localUserpass: ProviderDefinition = {
  type: "local-userpass",
  login: (payload, runtime) => {
    const { username, password } = payload;
    if (typeof username !== "string" || typeof password !== "string") {
      throw new AppServicesError("BadRequest", "expected string fields 'username' and 'password'");
    }
    const account = runtime.state.accounts.get(username);
    // FIDELITY: unknown user and wrong password get the same 401 "unauthorized"/InvalidPassword reply; only the
    // unknown-user case is confirmed.
    if (!account || account.password !== password) throw new AppServicesError("InvalidPassword");
    if (account.status === "pending") throw new AppServicesError("UserPendingConfirmation");
    return { identity: accountIdentity(account) };
  },
};
