import { EJSON } from "bson";
import { bsonTypeOf } from "./bson-values.js";

/**
 * A string key for an `_id` value that is equal for equal `_id`s of any BSON type: `o:<hex>` for ObjectIds,
 * `s:<string>` for strings, `n:<decimal>` for numbers (JS numbers, Int32, Double and Long of the same value share a
 * key, as in MongoDB), `d:<ms>` for dates, `b:<bool>`, `z:null` for null, otherwise `j:` + canonical EJSON.
 */
export function idKey(value: unknown): string {
  switch (typeof value) {
    case "string":
      return `s:${value}`;
    case "number":
      return `n:${String(value)}`;
    case "bigint":
      return `n:${value.toString()}`;
    case "boolean":
      return `b:${String(value)}`;
    case "undefined":
      return "z:null";
  }
  if (value === null) return "z:null";
  if (value instanceof Date) return `d:${value.getTime()}`;
  switch (bsonTypeOf(value)) {
    case "ObjectId":
    case "ObjectID":
      return `o:${(value as { toHexString(): string }).toHexString()}`;
    case "Long":
      return `n:${String(value)}`;
    case "Int32":
    case "Double":
      return `n:${String((value as { value: number }).value)}`;
  }
  return `j:${EJSON.stringify(value, { relaxed: false })}`;
}
