import { requireString } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import {
  type EmailPasswordConfig,
  type EmailPasswordModes,
  emailPasswordModes,
} from "../providers/config.js";
import { providerFor } from "../providers/registry.js";
import type { AppRuntime } from "../runtime.js";
import type { OutboxMessage, PasswordAccount, State, UserpassToken } from "../state/types.js";

/** App Services e-mail links are valid for 30 minutes. */
const TOKEN_TTL_MS = 30 * 60_000;

/** The email/password settings and modes, or the error of a login through a disabled/unknown provider. */
export function userpassSettings(runtime: AppRuntime): {
  config: EmailPasswordConfig;
  modes: EmailPasswordModes;
} {
  providerFor(runtime, "local-userpass");
  const config = runtime.providerConfig("local-userpass") ?? {};
  return { config, modes: emailPasswordModes(config) };
}

/** App Services accepts passwords of 6 to 128 characters. */
export function checkPassword(password: string): void {
  // FIDELITY: wording observed; code BadRequest and status 400 unconfirmed.
  if (password.length < 6 || password.length > 128) {
    throw new AppServicesError("BadRequest", "password must be between 6 and 128 characters");
  }
}

export function newTokenPair(runtime: AppRuntime): UserpassToken {
  return {
    token: runtime.ids.token(64),
    tokenId: runtime.ids.hex(),
    expiresAt: runtime.now() + TOKEN_TTL_MS,
  };
}

/** The link a user would click: the configured URL with `token` and `tokenId` query parameters. */
export function linkUrl(base: string | undefined, pair: UserpassToken): string | undefined {
  if (base === undefined) return undefined;
  const query = `token=${encodeURIComponent(pair.token)}&tokenId=${encodeURIComponent(pair.tokenId)}`;
  return `${base}${base.includes("?") ? "&" : "?"}${query}`;
}

function queueMessage(state: State, message: OutboxMessage): State {
  return { ...state, outbox: state.outbox.push(message) };
}

/**
 * Stores an account holding an open confirmation or reset pair and records the message that carries the pair in
 * the outbox (`via: "email"`, or `"function"` when a confirmation/reset function answered "pending").
 */
export function openPair(
  runtime: AppRuntime,
  account: PasswordAccount,
  kind: "confirmation" | "reset",
  via: OutboxMessage["via"],
  pair: UserpassToken & { readonly pendingPassword?: string },
  baseUrl: string | undefined,
): void {
  const message: OutboxMessage = {
    kind,
    via,
    to: account.email,
    token: pair.token,
    tokenId: pair.tokenId,
    url: linkUrl(baseUrl, pair),
    at: runtime.now(),
    ...(pair.pendingPassword === undefined ? {} : { pendingPassword: pair.pendingPassword }),
  };
  runtime.update((s) => queueMessage(putAccount(s, { ...account, [kind]: pair }), message));
}

export function putAccount(state: State, account: PasswordAccount): State {
  return { ...state, accounts: state.accounts.set(account.email, account) };
}

export function requireAccount(runtime: AppRuntime, email: string): PasswordAccount {
  const account = runtime.state.accounts.get(email);
  // FIDELITY: "user not found" observed; status 404 unconfirmed.
  if (!account) throw new AppServicesError("UserNotFound");
  return account;
}

/** The account whose open pair of this kind matches, still valid; else `400 invalid token data`. */
export function accountByToken(
  runtime: AppRuntime,
  kind: "confirmation" | "reset",
  body: Readonly<Record<string, unknown>>,
): PasswordAccount {
  const token = requireString(body, "token");
  const tokenId = requireString(body, "tokenId");
  const now = runtime.now();
  const account = runtime.state.accounts.find((a) => {
    const pair = a[kind];
    return pair !== undefined && pair.token === token && pair.tokenId === tokenId && pair.expiresAt > now;
  });
  // FIDELITY: "invalid token data" (400) observed; the code UserpassTokenInvalid and the same reply for an expired
  // pair are unconfirmed.
  if (!account) throw new AppServicesError("UserpassTokenInvalid");
  return account;
}
