/** Small predicates over the value shapes stored in documents. Internal to src/mongodb. */

/** A bson class instance (ObjectId, Decimal128, Long, Binary, Timestamp, ...), from bson 7 or realm-web's bson 4. */
export function bsonTypeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const type = (value as { _bsontype?: unknown })._bsontype;
  return typeof type === "string" ? type : undefined;
}

/** An object literal (prototype `Object.prototype` or `null`), as opposed to a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
