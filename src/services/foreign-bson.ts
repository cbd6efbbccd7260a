import { EJSON } from "bson";
import { isPlainObject } from "../mongodb/index.js";

const VERSION = Symbol.for("@@mdb.bson.version");

interface ForeignBsonValue {
  _bsontype: string;
  toExtendedJSON?: (options?: { relaxed?: boolean }) => unknown;
}

function isForeignBson(value: object): value is ForeignBsonValue {
  const type = (value as { _bsontype?: unknown })._bsontype;
  return typeof type === "string" && (value as Record<symbol, unknown>)[VERSION] !== 7;
}

/**
 * Converts bson values of another bson major version (realm-web's bson 4 `Realm.BSON.ObjectId`, ...) into the
 * kit's bson 7 classes, deeply, so that tests and functions can pass values they got from realm-web to the kit's
 * collections (mingo compares only same-class values) and return them from functions (bson 7's EJSON refuses
 * foreign classes). Values that need no change are returned as they are (same reference).
 */
export function toLocalBson<T>(value: T): T {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown) => {
      const next = toLocalBson(item);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? out : value) as T;
  }
  if (isForeignBson(value)) {
    const ext = value.toExtendedJSON?.({ relaxed: false });
    return ext === undefined ? value : (EJSON.deserialize({ v: ext }, { relaxed: false }).v as T);
  }
  if (!isPlainObject(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = toLocalBson(item);
    if (next !== item) {
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = next;
    }
  }
  return (out ?? value) as T;
}
