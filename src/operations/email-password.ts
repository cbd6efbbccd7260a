import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
import type { PasswordAccount } from "../state/types.js";

function requireString(body: Readonly<Record<string, unknown>>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "") {
    throw new AppServicesError("BadRequest", `expected a string field '${field}'`);
  }
  return value;
}

/** App Services accepts passwords of 6 to 128 characters. */
export function checkPassword(password: string): void {
  // FIDELITY: wording observed; code BadRequest and status 400 unconfirmed.
  if (password.length < 6 || password.length > 128) {
    throw new AppServicesError("BadRequest", "password must be between 6 and 128 characters");
  }
}

/**
 * `POST …/local-userpass/register`: creates an account (no user yet: the user is created at its first login, or
 * gets the identity through a link).
 */
export function register(runtime: AppRuntime, body: Readonly<Record<string, unknown>>): PasswordAccount {
  const email = requireString(body, "email");
  const password = requireString(body, "password");
  checkPassword(password);
  if (runtime.state.accounts.has(email)) throw new AppServicesError("AccountNameInUse");
  const account: PasswordAccount = {
    email,
    password,
    identityId: runtime.ids.hex(),
    // Confirmation flows (pending accounts, confirmation e-mails and functions) build on this status.
    status: "confirmed",
  };
  runtime.update((s) => ({ ...s, accounts: s.accounts.set(email, account) }));
  return account;
}
