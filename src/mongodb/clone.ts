import { EJSON } from "bson";
import { bsonTypeOf, isPlainObject } from "./bson-values.js";

/**
 * BSON-aware deep clone: plain objects, arrays and Dates are copied; bson values (ObjectId, Decimal128, Binary,
 * Long, ...) and other class instances are kept by reference, because nothing in this layer mutates them.
 */
export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = cloneValue(value[key]);
      // An own "__proto__" key (JSON.parse makes those) stays a key; assigning it would replace the prototype.
      if (key === "__proto__")
        Object.defineProperty(out, key, {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else out[key] = item;
    }
    return out as T;
  }
  return value;
}

/** A deep copy of a document (see `cloneValue`). */
export function cloneDoc<T extends Record<string, unknown>>(doc: T): T {
  return cloneValue(doc);
}

/**
 * Deep equality that is sensitive to field order (as BSON documents are): used to decide whether a write changed a
 * document and which top-level fields an update touched.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((key, i) => key === keysB[i] && sameValue(a[key], b[key]));
  }
  const type = bsonTypeOf(a);
  if (type !== undefined && type === bsonTypeOf(b)) {
    const equals = (a as { equals?: (other: unknown) => boolean }).equals;
    if (typeof equals === "function") return equals.call(a, b);
    return EJSON.stringify({ v: a }, { relaxed: false }) === EJSON.stringify({ v: b }, { relaxed: false });
  }
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  return false;
}
