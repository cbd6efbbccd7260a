import { AppServicesError } from "../errors.js";
import { DEFAULT_FUNCTION_TIMEOUT_MS, withTimeLimit } from "../functions/time-limit.js";
import type { AppRuntime } from "../runtime.js";

/** Runs an app function by name (the function runtime's `execute`, as a system call). */
export type NamedFunctionExecutor = (name: string, args: unknown[], scope: AppRuntime) => Promise<unknown>;

const executors = new WeakMap<AppRuntime, NamedFunctionExecutor>();

/** Connects the function runtime, so auth settings can name functions (`confirmationFunctionName`, …). */
export function setNamedFunctionExecutor(runtime: AppRuntime, executor: NamedFunctionExecutor): void {
  executors.set(runtime.root, executor);
}

/**
 * Calls an auth-related function given directly or by name (both time-limited). A direct function wins over a
 * name. Whatever the
 * function throws reaches the caller, which decides what it means (a failed login, a "fail" status, …).
 */
export async function callAuthFunction<A extends unknown[]>(
  runtime: AppRuntime,
  direct: ((...args: A) => unknown) | undefined,
  name: string | undefined,
  args: A,
): Promise<unknown> {
  if (direct) {
    const call = new Promise<unknown>((resolve) => resolve(direct(...args)));
    return await withTimeLimit(call, runtime.options.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS);
  }
  if (name === undefined) throw new AppServicesError("InternalServerError");
  const executor = executors.get(runtime.root);
  if (!executor) throw new AppServicesError("FunctionNotFound", name);
  return await executor(name, args, runtime);
}

/** Reads `{ status }` from a confirmation or reset function's result; anything else counts as "fail". */
export function statusOf(result: unknown): "success" | "pending" | "fail" {
  const status = (result as { status?: unknown } | null | undefined)?.status;
  return status === "success" || status === "pending" ? status : "fail";
}

/**
 * Runs a confirmation or reset function and reads its status. A throw counts as "fail" (as on App Services); a
 * name that resolves to no function is the app's misconfiguration and is rethrown.
 */
export async function runStatusFunction<A extends unknown[]>(
  runtime: AppRuntime,
  direct: ((...args: A) => unknown) | undefined,
  name: string | undefined,
  args: A,
): Promise<"success" | "pending" | "fail"> {
  try {
    return statusOf(await callAuthFunction(runtime, direct, name, args));
  } catch (error) {
    if (error instanceof AppServicesError && error.code === "FunctionNotFound") throw error;
    return "fail";
  }
}
