/**
 * jose, loaded on first use: only custom JWT and OAuth logins, the token helpers and platforms without a
 * synchronous HMAC (browsers) need it, and importing it costs a test file ~30–60 ms of start-up.
 */
type Jose = typeof import("jose");

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loading ??= import("jose");
  return loading;
}
