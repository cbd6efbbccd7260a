import { EJSON } from "bson";

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

function hasWrapperKey(value: Record<string, unknown>): boolean {
  for (const key in value) {
    if (key.startsWith("$") && WRAPPERS.has(key) && value[key] !== null && value[key] !== undefined) {
      return true;
    }
  }
  return false;
}

/**
 * `EJSON.parse(text, { relaxed: true })`, strict about the values bson accepts silently: `{"$date": "garbage"}`
 * (an invalid Date), `{"$numberInt": "x"}` and `{"$numberDouble": "x"}` (NaN), and malformed `$binary` base64
 * throw, as do the wrappers bson itself refuses (`$oid`, `$numberLong`, `$numberDecimal`, ...). One JSON.parse:
 * the reviver checks and converts each wrapper as it is built.
 */
export function parseStrictEjson(text: string): unknown {
  return JSON.parse(text, (key: string, value: unknown) => {
    if (key.includes("\x00"))
      throw new InvalidEjson(`field names cannot contain null bytes: ${JSON.stringify(key)}`);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const doc = value as Record<string, unknown>;
    if (!hasWrapperKey(doc)) return value;
    const keys = Object.keys(doc);
    // The two wrappers realm-web sends for every number are converted here (relaxed: plain numbers).
    if (keys.length === 1 && keys[0] === "$numberInt") return int32(doc.$numberInt);
    if (keys.length === 1 && keys[0] === "$numberDouble") return double(doc.$numberDouble);
    if ("$numberInt" in doc) int32(doc.$numberInt);
    if ("$numberDouble" in doc) double(doc.$numberDouble);
    checkWrapper(doc);
    return EJSON.deserialize(doc, { relaxed: true });
  });
}
