import { EJSON, ObjectId } from "bson";

/** EJSON type wrappers bson turns into values (plus `$date`, `$code`, `$undefined` and DBRefs). */
const WRAPPERS: ReadonlySet<string> = new Set([
  "$oid",
  "$binary",
  "$uuid",
  "$symbol",
  "$numberInt",
  "$numberDecimal",
  "$numberDouble",
  "$numberLong",
  "$minKey",
  "$maxKey",
  "$regex",
  "$regularExpression",
  "$timestamp",
  "$date",
  "$code",
  "$undefined",
  "$ref",
  "$dbPointer",
]);

const INT32 = /^-?\d{1,10}$/;
const OBJECT_ID = /^[0-9a-fA-F]{24}$/;
/** What bson's `$numberLong` accepts (no `-0`, no leading zeros), up to 15 digits: within 2^53. */
const SAFE_LONG = /^(?:0|-?[1-9]\d{0,14})$/;
const DOUBLE = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|-?Infinity|NaN)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class InvalidEjson extends Error {}

function int32(text: unknown): number {
  const value = typeof text === "string" && INT32.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value > 2 ** 31 - 1 || value < -(2 ** 31)) {
    throw new InvalidEjson(`invalid $numberInt ${JSON.stringify(text)}`);
  }
  return value;
}

function double(text: unknown): number {
  if (typeof text !== "string" || !DOUBLE.test(text)) {
    throw new InvalidEjson(`invalid $numberDouble ${JSON.stringify(text)}`);
  }
  return Number.parseFloat(text);
}

/** What bson leaves lenient: dates that parse to NaN and base64 that decodes to nothing. */
function checkWrapper(value: Record<string, unknown>): void {
  const date = value.$date;
  if (date !== undefined && date !== null) {
    const time = typeof date === "string" ? Date.parse(date) : typeof date === "number" ? date : Number.NaN;
    // A `{ "$numberLong": … }` inside was already turned into a number (or a Long, out of a Date's range).
    if (!Number.isFinite(time) || Number.isNaN(new Date(time).getTime())) {
      throw new InvalidEjson(`invalid $date ${JSON.stringify(date)}`);
    }
  }
  const binary = value.$binary;
  if (binary !== undefined && binary !== null) {
    const base64 = typeof binary === "object" ? (binary as { base64?: unknown }).base64 : binary;
    if (typeof base64 !== "string" || !BASE64.test(base64)) {
      throw new InvalidEjson(`invalid $binary ${JSON.stringify(binary)}`);
    }
  }
}

/** A wrapper document (`{ "$oid": … }`, `{ "$numberInt": … }`, …) checked and turned into its value. */
function unwrap(doc: Record<string, unknown>): unknown {
  const keys = Object.keys(doc);
  // Single-key wrappers built directly: the two realm-web sends for every number (relaxed: plain numbers), and
  // dates, ObjectIds and safe `$numberLong`s, the commonest in documents (bson's generic path costs ~10 µs each).
  // The results are those of `EJSON.deserialize(doc, { relaxed: true })`; anything else goes through bson below.
  const value = keys.length === 1 ? doc[keys[0] as string] : undefined;
  switch (keys.length === 1 ? keys[0] : undefined) {
    case "$numberInt":
      return int32(value);
    case "$numberDouble":
      return double(value);
    case "$numberLong":
      if (typeof value === "string" && SAFE_LONG.test(value)) return Number(value);
      break;
    case "$date":
      // A `$numberLong` inside is already a number.
      if (typeof value === "number" && Number.isFinite(value) && !Number.isNaN(new Date(value).getTime())) {
        return new Date(value);
      }
      break;
    case "$oid":
      if (typeof value === "string" && OBJECT_ID.test(value)) return ObjectId.createFromHexString(value);
      break;
  }
  if ("$numberInt" in doc) int32(doc.$numberInt);
  if ("$numberDouble" in doc) double(doc.$numberDouble);
  checkWrapper(doc);
  return EJSON.deserialize(doc, { relaxed: true });
}

/** Converts the wrappers inside a freshly parsed JSON value, children first (as a JSON.parse reviver would). */
function convert(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      if (item !== null && typeof item === "object") value[index] = convert(item);
    }
    return value;
  }
  const doc = value as Record<string, unknown>;
  let wrapper = false;
  for (const key of Object.keys(doc)) {
    if (key.includes("\x00"))
      throw new InvalidEjson(`field names cannot contain null bytes: ${JSON.stringify(key)}`);
    let item = doc[key];
    if (item !== null && typeof item === "object") {
      const converted = convert(item);
      if (converted !== item) {
        // Defined, not assigned: a `__proto__` key JSON.parse made an own property stays one.
        Object.defineProperty(doc, key, {
          value: converted,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        item = converted;
      }
    }
    if (!wrapper && key.startsWith("$") && WRAPPERS.has(key) && item !== null && item !== undefined) {
      wrapper = true;
    }
  }
  return wrapper ? unwrap(doc) : doc;
}

/**
 * `EJSON.parse(text, { relaxed: true })`, strict about the values bson accepts silently: `{"$date": "garbage"}`
 * (an invalid Date), `{"$numberInt": "x"}` and `{"$numberDouble": "x"}` (NaN), and malformed `$binary` base64
 * throw, as do the wrappers bson itself refuses (`$oid`, `$numberLong`, `$numberDecimal`, ...). One JSON.parse,
 * then one walk that checks and converts each wrapper, innermost first (a walk costs less than a reviver).
 */
export function parseStrictEjson(text: string): unknown {
  return convert(JSON.parse(text));
}
