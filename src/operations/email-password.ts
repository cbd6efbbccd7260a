import { requireString } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import type { EmailPasswordConfig } from "../providers/config.js";
import type { AppRuntime } from "../runtime.js";
import type { PasswordAccount, UserpassToken } from "../state/types.js";
import { runStatusFunction } from "./auth-functions.js";
import {
  accountByToken,
  checkPassword,
  newTokenPair,
  openPair,
  putAccount,
  requireAccount,
  userpassSettings,
} from "./userpass-tokens.js";

type Body = Readonly<Record<string, unknown>>;

/** Runs the confirmation function with `{ username, token, tokenId }`. */
function runConfirmation(
  runtime: AppRuntime,
  config: EmailPasswordConfig,
  email: string,
  pair: UserpassToken,
): Promise<"success" | "pending" | "fail"> {
  const details = { username: email, token: pair.token, tokenId: pair.tokenId };
  return runStatusFunction(runtime, config.confirmationFunction, config.confirmationFunctionName, [details]);
}

/** Applies a confirmation function's status to an account (pending: keep the pair, record it in the outbox). */
function applyConfirmation(
  runtime: AppRuntime,
  account: PasswordAccount,
  status: "success" | "pending",
  pair: UserpassToken,
  config: EmailPasswordConfig,
): void {
  if (status === "success") {
    runtime.update((s) => putAccount(s, { ...account, status: "confirmed", confirmation: undefined }));
  } else {
    openPair(
      runtime,
      { ...account, status: "pending" },
      "confirmation",
      "function",
      pair,
      config.emailConfirmationUrl,
    );
  }
}

/** Opens a new confirmation pair and "e-mails" it. */
function mailConfirmation(runtime: AppRuntime, account: PasswordAccount, config: EmailPasswordConfig): void {
  const pair = newTokenPair(runtime);
  openPair(
    runtime,
    { ...account, status: "pending" },
    "confirmation",
    "email",
    pair,
    config.emailConfirmationUrl,
  );
}

/**
 * `POST …/local-userpass/register`: creates an account (no user yet: the user is created at its first login, or
 * gets the identity through a link). Auto-confirm confirms it at once; e-mail confirmation queues a message in the
 * outbox; a confirmation function decides (success, pending, or fail: no account is kept).
 */
export async function register(runtime: AppRuntime, body: Body): Promise<PasswordAccount> {
  const { config, modes } = userpassSettings(runtime);
  const email = requireString(body, "email");
  const password = requireString(body, "password");
  checkPassword(password);
  // FIDELITY: "name already in use" observed; status (400 or 409) unconfirmed, the catalogue says 409.
  if (runtime.state.accounts.has(email)) throw new AppServicesError("AccountNameInUse");
  const account: PasswordAccount = { email, password, identityId: runtime.ids.hex(), status: "pending" };
  if (modes.confirmation === "auto") {
    runtime.update((s) => putAccount(s, { ...account, status: "confirmed" }));
  } else if (modes.confirmation === "email") {
    runtime.update((s) => putAccount(s, account));
    mailConfirmation(runtime, account, config);
  } else {
    const pair = newTokenPair(runtime);
    const status = await runConfirmation(runtime, config, email, pair);
    // FIDELITY: wording, code and status of a failed confirmation function are unconfirmed.
    if (status === "fail") throw new AppServicesError("BadRequest", `failed to confirm user "${email}"`);
    // The state may have moved during the await: registering the same email meanwhile is still a conflict.
    if (runtime.state.accounts.has(email)) throw new AppServicesError("AccountNameInUse");
    applyConfirmation(runtime, account, status, pair, config);
  }
  return runtime.state.accounts.get(email) ?? account;
}

/** `POST …/local-userpass/confirm` `{ token, tokenId }`: confirms the account of an open confirmation pair. */
export function confirm(runtime: AppRuntime, body: Body): void {
  userpassSettings(runtime);
  const account = accountByToken(runtime, "confirmation", body);
  runtime.update((s) => putAccount(s, { ...account, status: "confirmed", confirmation: undefined }));
}

function requirePending(runtime: AppRuntime, body: Body): PasswordAccount {
  const account = requireAccount(runtime, requireString(body, "email"));
  // FIDELITY: "already confirmed" (400) observed; the code UserAlreadyConfirmed is unconfirmed.
  if (account.status === "confirmed") throw new AppServicesError("UserAlreadyConfirmed");
  return account;
}

/** `POST …/local-userpass/confirm/send` `{ email }`: a new confirmation e-mail (the old pair stops working). */
export function resendConfirmation(runtime: AppRuntime, body: Body): void {
  const { config } = userpassSettings(runtime);
  mailConfirmation(runtime, requirePending(runtime, body), config);
}

/** `POST …/local-userpass/confirm/call` `{ email }`: runs the confirmation function again. */
export async function retryCustomConfirmation(runtime: AppRuntime, body: Body): Promise<void> {
  const { config, modes } = userpassSettings(runtime);
  const email = requireString(body, "email");
  if (modes.confirmation === "auto") {
    // FIDELITY: wording observed (400); the code is unconfirmed.
    throw new AppServicesError(
      "BadRequest",
      `cannot run confirmation for ${email}: automatic confirmation is enabled`,
    );
  }
  requirePending(runtime, body);
  if (modes.confirmation !== "function") {
    // FIDELITY: the real reply when no confirmation function is configured is unconfirmed.
    throw new AppServicesError(
      "BadRequest",
      `cannot run confirmation for ${email}: no confirmation function`,
    );
  }
  const pair = newTokenPair(runtime);
  const status = await runConfirmation(runtime, config, email, pair);
  if (status === "fail") throw new AppServicesError("BadRequest", `failed to confirm user "${email}"`);
  const current = runtime.state.accounts.get(email);
  if (current && current.status === "pending") applyConfirmation(runtime, current, status, pair, config);
}
