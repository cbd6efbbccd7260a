import { requireString } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
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

/** `POST …/local-userpass/reset/send` `{ email }`: a reset e-mail with a new pair (built-in e-mail reset only). */
export function sendResetEmail(runtime: AppRuntime, body: Body): void {
  const { config, modes } = userpassSettings(runtime);
  const email = requireString(body, "email");
  // FIDELITY: wording observed (400); the code is unconfirmed.
  if (modes.reset === "function")
    throw new AppServicesError("BadRequest", "please use reset password via function");
  const account = requireAccount(runtime, email);
  openPair(runtime, account, "reset", "email", newTokenPair(runtime), config.resetPasswordUrl);
}

/** `POST …/local-userpass/reset` `{ token, tokenId, password }`: sets the password of an open reset pair. */
export function resetPassword(runtime: AppRuntime, body: Body): void {
  userpassSettings(runtime);
  const password = requireString(body, "password");
  checkPassword(password);
  const account = accountByToken(runtime, "reset", body);
  runtime.update((s) => putAccount(s, { ...account, password, reset: undefined }));
}

/**
 * `POST …/local-userpass/reset/call` `{ email, password, arguments }`: runs the reset function with
 * `{ username, password, token, tokenId, currentPasswordValid }` and the extra arguments. success: the password
 * changes at once; pending: the pair waits for `resetPassword` (and is recorded in the outbox); fail or a throw:
 * `failed to reset password for user "<email>"`.
 */
export async function callResetFunction(runtime: AppRuntime, body: Body): Promise<void> {
  const { config, modes } = userpassSettings(runtime);
  const email = requireString(body, "email");
  const password = requireString(body, "password");
  const extra = Array.isArray(body.arguments) ? (body.arguments as unknown[]) : [];
  // FIDELITY: the real reply when reset via function is off is unconfirmed.
  if (modes.reset !== "function")
    throw new AppServicesError("BadRequest", "reset password via function is not enabled");
  checkPassword(password);
  const account = requireAccount(runtime, email);
  const pair = newTokenPair(runtime);
  const details = {
    username: email,
    password,
    token: pair.token,
    tokenId: pair.tokenId,
    currentPasswordValid: account.password === password,
  };
  const status = await runStatusFunction(runtime, config.resetFunction, config.resetFunctionName, [
    details,
    ...extra,
  ]);
  // FIDELITY: wording observed (400); the code is unconfirmed.
  if (status === "fail")
    throw new AppServicesError("BadRequest", `failed to reset password for user "${email}"`);
  // Re-read after the await: the account may have been deleted meanwhile.
  const current = requireAccount(runtime, email);
  if (status === "success") {
    runtime.update((s) => putAccount(s, { ...current, password, reset: undefined }));
    return;
  }
  openPair(
    runtime,
    current,
    "reset",
    "function",
    { ...pair, pendingPassword: password },
    config.resetPasswordUrl,
  );
}
