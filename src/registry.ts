import type { AppRuntime } from "./runtime.js";

/**
 * Mock apps alive in this module instance. Several mocks can be spread into one MSW server: a mock passes a
 * request on (returns undefined) when another live mock owns it, and answers the real 404 / 401 / 501 otherwise.
 */
const live = new Map<string, WeakRef<AppRuntime>>();

export function register(runtime: AppRuntime): void {
  live.set(runtime.instanceKey, new WeakRef(runtime));
}

export function unregister(runtime: AppRuntime): void {
  live.delete(runtime.instanceKey);
}

function* alive(): Generator<AppRuntime> {
  for (const [key, ref] of live) {
    const runtime = ref.deref();
    if (runtime) yield runtime;
    else live.delete(key);
  }
}

/** True when another live mock serves the app id. */
export function otherAppServes(self: AppRuntime, appId: string): boolean {
  for (const runtime of alive()) if (runtime !== self && runtime.id === appId) return true;
  return false;
}

/** True when another live mock minted tokens with this `kid`. */
export function otherInstanceOwns(self: AppRuntime, instanceKey: string): boolean {
  return instanceKey !== self.instanceKey && live.get(instanceKey)?.deref() !== undefined;
}
