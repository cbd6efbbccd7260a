/** Safe reads and writes of dotted paths: no key or path of a rule or a document can reach `Object.prototype`. */
import { isPlainObject } from "../mongodb/index.js";

/** Keys that never name data: a rule or document using them is refused or ignored. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/** True when some segment of a dotted path is forbidden (or empty). */
export const hasForbiddenSegment = (path: string): boolean =>
  path.split(".").some((segment) => segment === "" || FORBIDDEN_KEYS.has(segment));

/**
 * The value at a dotted path, MongoDB-style: own properties only, numeric segments index arrays, and any other
 * segment applied to an array collects that field from its documents (`members.id` → the members' ids).
 * A forbidden segment yields `undefined`.
 */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let node: unknown = value;
  for (let index = 0; index < path.length; index++) {
    const segment = path[index] as string;
    if (FORBIDDEN_KEYS.has(segment)) return undefined;
    if (Array.isArray(node)) {
      if (/^\d+$/.test(segment)) {
        node = node[Number(segment)];
        continue;
      }
      const rest = path.slice(index);
      const found = node.map((item) => getPath(item, rest)).filter((item) => item !== undefined);
      return found.length > 0 ? found.flat() : undefined;
    }
    if (!isPlainObject(node) || !Object.hasOwn(node, segment)) return undefined;
    node = node[segment];
  }
  return node;
}

const segmentCache = new Map<string, readonly string[]>();

/** The segments of a dotted path (cached: rules use the same few paths for every document). */
export function segments(path: string): readonly string[] {
  let parts = segmentCache.get(path);
  if (parts === undefined) {
    parts = path.split(".");
    if (segmentCache.size < 10_000) segmentCache.set(path, parts);
  }
  return parts;
}

/** Defines an own enumerable property (a `__proto__` key stays data, never a prototype change). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
