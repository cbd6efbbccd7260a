import { EJSON } from "bson";
import { AppServicesError } from "../errors.js";

export const DEFAULT_FUNCTION_TIMEOUT_MS = 10_000;

// Captured at load time: the time limit is real time, unaffected by the injected clock or later fake timers.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/**
 * Races a function call against a real-time limit (ExecutionTimeLimitExceeded). The call is always observed, so
 * a late rejection is never unhandled. The timer keeps the process alive while the call is in flight (a script
 * awaiting a function that never settles gets its ExecutionTimeLimitExceeded instead of exiting with code 13),
 * and is cleared as soon as the call settles.
 */
export function withTimeLimit<T>(call: Promise<T>, ms: number): Promise<T> {
  call.catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new AppServicesError("ExecutionTimeLimitExceeded")), ms);
  });
  return Promise.race([call, limit]).finally(() => realClearTimeout(timer));
}

/** The message of anything a function threw (an Error's message, a string, or its EJSON). */
export function thrownMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return EJSON.stringify(error, { relaxed: true });
  } catch {
    return String(error);
  }
}
