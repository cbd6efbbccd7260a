import { catalogue, type ErrorCode } from "../errors.js";
import { isPlainObject } from "../mongodb/index.js";
import { type FaultEffect, type FaultSpec, ROUTE_GROUPS, type RouteGroup } from "./types.js";

/** A fault description that does not hold together; the message says which field and why. */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

const SPEC_KEYS = new Set([
  "route",
  "functionName",
  "namespace",
  "userId",
  "when",
  "times",
  "probability",
  "seed",
  "effect",
]);
const EFFECT_KEYS: Readonly<Record<FaultEffect["kind"], readonly string[]>> = {
  error: ["code", "status", "message"],
  delay: ["ms", "clock"],
  "network-error": [],
  "cut-stream": ["afterEvents", "mode"],
  "rate-limit": ["retryAfterSeconds"],
  unavailable: ["retryAfterSeconds"],
};

/** The longest delay a timer can wait (2^31 − 1 ms, about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

function fail(message: string): never {
  throw new FaultSpecError(`fault ${message}`);
}

function onlyKeys(
  value: Readonly<Record<string, unknown>>,
  allowed: ReadonlySet<string>,
  where: string,
): void {
  for (const key of Object.keys(value)) if (!allowed.has(key)) fail(`${where}: unknown field "${key}"`);
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") fail(`${name} must be a non-empty string`);
  return value;
}

function count(value: unknown, name: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    fail(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const isRouteGroup = (value: unknown): value is RouteGroup =>
  typeof value === "string" && (ROUTE_GROUPS as readonly string[]).includes(value);

function routes(value: unknown): RouteGroup | readonly RouteGroup[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isRouteGroup)) {
    fail(`route must be one of ${ROUTE_GROUPS.join(", ")} (or a non-empty list of them)`);
  }
  return Array.isArray(value) ? [...list] : (value as RouteGroup);
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === "string" && Object.hasOwn(catalogue, value);

function effectOf(value: unknown): FaultEffect {
  if (!isPlainObject(value) || typeof value.kind !== "string" || !Object.hasOwn(EFFECT_KEYS, value.kind)) {
    fail(`effect.kind must be one of ${Object.keys(EFFECT_KEYS).join(", ")}`);
  }
  const kind = value.kind as FaultEffect["kind"];
  onlyKeys(value, new Set(["kind", ...EFFECT_KEYS[kind]]), `effect "${kind}"`);
  switch (kind) {
    case "error": {
      if (value.code !== undefined && !isErrorCode(value.code)) {
        fail(`effect.code must be an error code of the catalogue, got ${JSON.stringify(value.code)}`);
      }
      const status = value.status === undefined ? undefined : count(value.status, "effect.status", 400);
      if (status !== undefined && status > 599) fail("effect.status must be 400–599");
      const message = value.message === undefined ? undefined : String(value.message);
      return { kind, code: value.code as ErrorCode | undefined, status, message };
    }
    case "delay": {
      const clock = value.clock ?? "mock";
      if (clock !== "mock" && clock !== "real") fail(`effect.clock must be "mock" or "real"`);
      const ms = count(value.ms, "effect.ms", 0);
      if (ms > MAX_TIMER_MS) fail(`effect.ms must be at most ${MAX_TIMER_MS} (what a timer can wait)`);
      return { kind, ms, clock };
    }
    case "network-error":
      return { kind };
    case "cut-stream": {
      const mode = value.mode ?? "close";
      if (mode !== "close" && mode !== "error") fail(`effect.mode must be "close" or "error"`);
      return { kind, afterEvents: count(value.afterEvents, "effect.afterEvents", 0), mode };
    }
    case "rate-limit":
    case "unavailable":
      return {
        kind,
        retryAfterSeconds:
          value.retryAfterSeconds === undefined
            ? 1
            : count(value.retryAfterSeconds, "effect.retryAfterSeconds", 0),
      };
  }
}

/** The object without its undefined fields (so a listed spec is the JSON it came from). */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Checks a fault description (from a test or from JSON) and returns a fresh copy holding only the known fields.
 * Throws `FaultSpecError` naming the first bad field.
 */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (!isPlainObject(value)) fail("must be an object");
  onlyKeys(value, SPEC_KEYS, "spec");
  const route = routes(value.route);
  const effect = defined(effectOf(value.effect));
  if (effect.kind === "cut-stream" && route !== "watch") fail(`"cut-stream" needs route: "watch"`);
  if (value.when !== undefined && typeof value.when !== "function") fail("when must be a function");
  const times =
    value.times === undefined ? 1 : value.times === "always" ? "always" : count(value.times, "times", 1);
  const probability = value.probability ?? 1;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
    fail("probability must be a number from 0 to 1");
  }
  const spec: FaultSpec = {
    route,
    functionName: optionalString(value.functionName, "functionName"),
    namespace: optionalString(value.namespace, "namespace"),
    userId: optionalString(value.userId, "userId"),
    when: value.when as FaultSpec["when"],
    times,
    probability,
    seed: optionalString(value.seed, "seed"),
    effect,
  };
  return defined(spec);
}
