/** Readers for the single argument document realm-web sends (§12.1). Omitted options are absent or null. */
import { isPlainObject } from "./bson-values.js";
import { MongoActionError } from "./errors.js";
import type { Doc } from "./types.js";

const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

/** An optional document argument (`query`, `sort`, `project`...); absent → `undefined`. */
export function optionalDoc(action: string, arg: Doc, key: string): Doc | undefined {
  const value = arg[key];
  if (absent(value)) return undefined;
  if (!isPlainObject(value))
    throw new MongoActionError("InvalidParameter", `${action}: '${key}' must be a document`);
  return value;
}

/** A required document argument (`document`); missing → `BadRequest`. */
export function requiredDoc(action: string, arg: Doc, key: string): Doc {
  const value = optionalDoc(action, arg, key);
  if (value === undefined) {
    throw new MongoActionError("BadRequest", `${action}: missing required argument '${key}'`);
  }
  return value;
}

/** A required value of any shape (`update`); missing → `BadRequest`. */
export function requiredValue(action: string, arg: Doc, key: string): unknown {
  const value = arg[key];
  if (absent(value))
    throw new MongoActionError("BadRequest", `${action}: missing required argument '${key}'`);
  return value;
}

/** An optional array of documents (`pipeline`, `documents`, `arrayFilters`). */
export function optionalDocArray(action: string, arg: Doc, key: string): Doc[] | undefined {
  const value = arg[key];
  if (absent(value)) return undefined;
  if (!Array.isArray(value) || !value.every(isPlainObject)) {
    throw new MongoActionError("InvalidParameter", `${action}: '${key}' must be an array of documents`);
  }
  return value;
}

/** A required array of documents; missing → `BadRequest`. */
export function requiredDocArray(action: string, arg: Doc, key: string): Doc[] {
  const value = optionalDocArray(action, arg, key);
  if (value === undefined) {
    throw new MongoActionError("BadRequest", `${action}: missing required argument '${key}'`);
  }
  return value;
}

/** An optional number (`limit`); realm-web's relaxed decoding already turned `$numberInt` into a number. */
export function optionalNumber(action: string, arg: Doc, key: string): number | undefined {
  const value = arg[key];
  if (absent(value)) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === "bigint") return Number(value);
  throw new MongoActionError("InvalidParameter", `${action}: '${key}' must be a number`);
}

/** An optional boolean (`upsert`, `returnNewDocument`); absent → `false`. */
export function flag(action: string, arg: Doc, key: string): boolean {
  const value = arg[key];
  if (absent(value)) return false;
  if (typeof value !== "boolean")
    throw new MongoActionError("InvalidParameter", `${action}: '${key}' must be a boolean`);
  return value;
}
