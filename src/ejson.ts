import { EJSON } from "bson";
import { parseStrictEjson } from "./ejson-strict.js";
import { AppServicesError } from "./errors.js";

/**
 * Decodes a request body. realm-web sends canonical EJSON; decoding it relaxed turns number wrappers into JS
 * numbers (mingo matches nothing on Int32/Double wrappers). Malformed bodies, and EJSON values that do not
 * denote a value (`{"$date": "garbage"}`, `{"$oid": "x"}`), are a 400, never a crash or a silent 1970.
 */
export function decodeBody(text: string | null): unknown {
  if (text === null || text === "") return undefined;
  try {
    return parseStrictEjson(text);
  } catch (error) {
    throw new AppServicesError("BadRequest", `invalid request body: ${(error as Error).message}`);
  }
}

/** Decodes a body that must be a JSON object. */
export function decodeObjectBody(text: string | null): Record<string, unknown> {
  const value = decodeBody(text);
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new AppServicesError("BadRequest", "request body must be a JSON object");
  }
  return value as Record<string, unknown>;
}

/**
 * Encodes a reply value as EJSON text. Relaxed output keeps plain numbers as JSON numbers and still tags
 * ObjectId, Date, Decimal128 and friends, so realm-web's relaxed decoder rebuilds them. `undefined` → `null`.
 */
export function encodeReply(value: unknown): string {
  return EJSON.stringify(value === undefined ? null : value, { relaxed: true });
}

/** Plain JSON for claims: EJSON-serialises BSON values (relaxed) into plain objects. */
export function toPlainJson(value: unknown): unknown {
  return EJSON.serialize(value, { relaxed: true });
}

/** A required non-empty string field of a decoded body, or 400 BadRequest naming the field. */
export function requireString(body: Readonly<Record<string, unknown>>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "") {
    throw new AppServicesError("BadRequest", `expected a string field '${field}'`);
  }
  return value;
}
