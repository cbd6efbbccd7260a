import { kitMessage } from "./logger.js";
import type { AppRuntime } from "./runtime.js";

/**
 * Mock apps alive in this module instance, and which of them are served. Several mocks can be spread into one MSW
 * server: a mock passes a request on (returns undefined) only when another served mock owns it, and answers the
 * refusal (404 AppNotFound, 401 InvalidSession) when no served mock does, so no App Services request leaves the
 * process.
 */
const live = new Map<string, WeakRef<AppRuntime>>();

/**
 * How many times each app is served: by the Vitest dispatcher (`useMockApp`, `serveMockApp`, counted down when
 * served no more) and once for good when its `handlers` are read (spread into an MSW server the kit cannot see).
 */
const served = new WeakMap<AppRuntime, number>();

export function register(runtime: AppRuntime): void {
  live.set(runtime.instanceKey, new WeakRef(runtime));
}

export function unregister(runtime: AppRuntime): void {
  live.delete(runtime.instanceKey);
}

function* alive(): Generator<AppRuntime> {
  for (const [key, ref] of live) {
    const runtime = ref.deref();
    if (runtime && !runtime.closed) yield runtime;
    else if (!runtime) live.delete(key);
  }
}

/** A live (not closed) mock app by its instance key (a token's `kid`). */
export function liveByKey(instanceKey: string): AppRuntime | undefined {
  const runtime = live.get(instanceKey)?.deref();
  return runtime && !runtime.closed ? runtime : undefined;
}

export function isServed(runtime: AppRuntime): boolean {
  return !runtime.closed && (served.get(runtime) ?? 0) > 0;
}

/** Live mock apps with this app id, served or not. */
export function appsWithId(appId: string): AppRuntime[] {
  return [...alive()].filter((runtime) => runtime.id === appId);
}

/** The app ids of the served mock apps. */
export function servedIds(): string[] {
  return [...new Set([...alive()].filter(isServed).map((runtime) => runtime.id))];
}

/** True when a served mock app other than `self` has this app id. */
export function otherServedHasId(self: AppRuntime | undefined, appId: string): boolean {
  return appsWithId(appId).some((runtime) => runtime !== self && isServed(runtime));
}

/** True when any served mock app is alive (it answers user routes whatever the token). */
export function anyServed(): boolean {
  return [...alive()].some(isServed);
}

/**
 * Counts one more serving of an app. `exclusive` (the Vitest dispatcher, whose served set the kit knows exactly):
 * throws when another served mock app already has the same app id, naming both, since requests without a token
 * (logins, registrations) could not tell them apart.
 */
export function markServed(runtime: AppRuntime, exclusive: boolean): void {
  if (exclusive) {
    const clash = appsWithId(runtime.id).find((other) => other !== runtime && isServed(other));
    if (clash) {
      throw new Error(
        kitMessage(
          `Two served mock apps have the app id "${runtime.id}" (instances ${clash.instanceKey} and ` +
            `${runtime.instanceKey}): a login could not tell them apart. Give each its own ` +
            "createMockApp({ id }), or close() or stop serving the other first.",
        ),
      );
    }
  }
  served.set(runtime, (served.get(runtime) ?? 0) + 1);
}

/** Counts one serving less (the dispatcher stopped serving the app). */
export function unmarkServed(runtime: AppRuntime): void {
  served.set(runtime, Math.max(0, (served.get(runtime) ?? 0) - 1));
}

const throughHandlers = new WeakSet<AppRuntime>();

/**
 * The first read of `mock.handlers` serves the app for good (the kit cannot see when an MSW server drops them). A
 * served mock with the same app id is warned about, naming both: requests with a token still reach the mock that
 * minted it, but tokenless ones (logins, registrations) go to whichever comes first in the server.
 */
export function serveThroughHandlers(runtime: AppRuntime): void {
  if (throughHandlers.has(runtime)) return;
  throughHandlers.add(runtime);
  const clash = appsWithId(runtime.id).find((other) => other !== runtime && isServed(other));
  if (clash) {
    runtime.logger.warn(
      `Two served mock apps have the app id "${runtime.id}" (instances ${clash.instanceKey} and ` +
        `${runtime.instanceKey}): logins go to whichever comes first in the MSW server. Give each its own ` +
        "createMockApp({ id }), or close() the one you no longer use.",
    );
  }
  markServed(runtime, false);
}
