import { Binary } from "bson";
import { AppServicesError } from "../errors.js";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function refuse(path: string, what: string): AppServicesError {
  return new AppServicesError(
    "FunctionExecutionError",
    `the function's result cannot be sent as EJSON: ${what} at ${path}`,
  );
}

function convert(value: unknown, path: string, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case "function":
      throw refuse(path, "a function");
    case "symbol":
      throw refuse(path, `a symbol (${String(value.description)})`);
    case "bigint":
      if (value < INT64_MIN || value > INT64_MAX) {
        throw refuse(path, `the BigInt ${value} (beyond a 64-bit Long)`);
      }
      return value;
    case "object":
      break;
    default:
      return value;
  }
  if (value === null || value instanceof Date || value instanceof RegExp) return value;
  // Buffer is a Uint8Array: both become BSON binary data (subtype 0), as App Services' Buffer does.
  if (value instanceof Uint8Array) return new Binary(value);
  if (typeof (value as { _bsontype?: unknown })._bsontype === "string") return value;
  if (ancestors.has(value)) throw refuse(path, "a circular reference");
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return mapChanged(value, (item, i) => convert(item, `${path}[${i}]`, ancestors));
    }
    if (
      value instanceof Map ||
      value instanceof Set ||
      value instanceof WeakMap ||
      value instanceof WeakSet
    ) {
      throw refuse(path, `a ${value.constructor.name}`);
    }
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const next = convert(item, `${path}.${key}`, ancestors);
      if (next !== item) {
        out ??= { ...value };
        out[key] = next;
      }
    }
    return out ?? value;
  } finally {
    ancestors.delete(value);
  }
}

function mapChanged(items: readonly unknown[], fn: (item: unknown, index: number) => unknown): unknown[] {
  let out: unknown[] | undefined;
  items.forEach((item, i) => {
    const next = fn(item, i);
    if (next !== item) {
      out ??= [...items];
      out[i] = next;
    }
  });
  return out ?? (items as unknown[]);
}

/**
 * A function's result as the kit sends it: `Uint8Array`/`Buffer` become `Binary`; what EJSON cannot represent
 * (functions, symbols, BigInts beyond a 64-bit Long, circular references, Maps and Sets) is a
 * `FunctionExecutionError` naming the value and where it is, instead of a silent `null`, `0` or `{}`.
 * Values that need no change are returned as they are (same reference).
 */
export function toReplyValue(result: unknown): unknown {
  return convert(result, "result", new Set());
}
