/**
 * The one check of a MongoDB action's argument before anything evaluates it, and of the documents a write would
 * store. Internal to src/mongodb; `runAction` and `WatchHub.open` call it, so every caller (realm-web, functions,
 * tests) gets the same refusals.
 */
import { calculateObjectSize } from "bson";
import { bsonTypeOf, isPlainObject } from "./bson-values.js";
import { MongoActionError } from "./errors.js";
import type { Doc } from "./types.js";

/** MongoDB's nesting limit for BSON documents. */
export const MAX_DEPTH = 100;
/** MongoDB's maximum BSON document size (16 MiB). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** Keys that would reach `Object.prototype` (or a constructor) through a JavaScript object or path. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** Operators that run server-side JavaScript. */
const JAVASCRIPT_OPERATORS: ReadonlySet<string> = new Set(["$where", "$function", "$accumulator"]);
/** Operators whose string values are field paths they write or remove. */
const PATH_VALUE_OPERATORS: ReadonlySet<string> = new Set(["$rename", "$unset", "$setField", "$unsetField"]);
/** An array-filter identifier as MongoDB accepts it: a lowercase letter, then letters and digits. */
const IDENTIFIER = /^[a-z][a-zA-Z0-9]*$/;
/** `$[identifier]` in an update path. */
const FILTERED_POSITIONAL = /^\$\[(.*)\]$/;

const refuse = (message: string): MongoActionError => new MongoActionError("MongoDBError", message);

function tooDeep(action: string): MongoActionError {
  return refuse(`${action}: BSONObj exceeds maximum nested object depth of ${MAX_DEPTH}`);
}

/** Checks each dotted segment of a key or path: no prototype keys, valid `$[identifier]`s. */
function checkPath(action: string, path: string): void {
  for (const segment of path.split(".")) {
    if (PROTOTYPE_KEYS.has(segment)) {
      throw refuse(`${action}: the field name '${path}' is not allowed ('${segment}' is reserved)`);
    }
    const positional = FILTERED_POSITIONAL.exec(segment);
    const identifier = positional?.[1];
    if (identifier !== undefined && identifier !== "" && !IDENTIFIER.test(identifier)) {
      throw refuse(
        `${action}: the array filter identifier '${identifier}' must begin with a lowercase letter and contain only letters and digits`,
      );
    }
  }
}

/**
 * How string values are read where the walk is: as data (documents to insert), as expressions (a `$`-prefixed
 * string is a field path, `"$$ROOT.a"` a variable path), or as paths an operator writes (`$rename`, `$unset`).
 */
type StringRole = "data" | "expression" | "written-path";

function checkStringValue(action: string, value: string, role: StringRole): void {
  if (role === "written-path") checkPath(action, value);
  else if (role === "data") return;
  else if (value.startsWith("$$")) checkPath(action, value.slice(2));
  else if (value.startsWith("$")) checkPath(action, value.slice(1));
}

/** Argument fields holding documents to store as they are (their strings are data, not paths). */
const DOCUMENT_ARGUMENTS: ReadonlySet<string> = new Set(["document", "documents"]);

/** A key anywhere in the argument: no server-side JavaScript, no prototype key in any segment. */
function checkKey(action: string, key: string): void {
  if (JAVASCRIPT_OPERATORS.has(key)) {
    throw refuse(`${action}: ${key} is not supported: app-services-mock runs no server-side JavaScript`);
  }
  checkPath(action, key);
}

function walk(action: string, value: unknown, depth: number, role: StringRole): void {
  if (typeof value === "string") {
    checkStringValue(action, value, role);
    return;
  }
  if (value === null || typeof value !== "object" || bsonTypeOf(value) !== undefined) return;
  if (depth > MAX_DEPTH) throw tooDeep(action);
  if (Array.isArray(value)) {
    for (const item of value) walk(action, item, depth + 1, role);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    checkKey(action, key);
    walk(action, value[key], depth + 1, PATH_VALUE_OPERATORS.has(key) ? "written-path" : role);
  }
}

function checkArrayFilters(action: string, arrayFilters: unknown): void {
  if (!Array.isArray(arrayFilters)) return;
  for (const filter of arrayFilters) {
    if (!isPlainObject(filter)) continue;
    for (const key of Object.keys(filter)) {
      if (key.startsWith("$")) continue;
      const identifier = key.split(".")[0] ?? "";
      if (!IDENTIFIER.test(identifier)) {
        throw refuse(
          `${action}: the array filter identifier '${identifier}' must begin with a lowercase letter and contain only letters and digits`,
        );
      }
    }
  }
}

/**
 * Refuses (MongoDBError, 400) an action argument that MongoDB would refuse or that could harm the process: a key or
 * path segment `__proto__`, `constructor` or `prototype` anywhere (filters, updates, projections, sorts, pipelines,
 * documents, field-path strings, `$rename`/`$unset` targets), an invalid array-filter identifier, server-side
 * JavaScript (`$where`, `$function`, `$accumulator`) and nesting deeper than 100 levels. One walk, before any
 * evaluation or copy.
 */
export function validateArgument(action: string, arg: Doc): void {
  for (const key of Object.keys(arg)) {
    checkKey(action, key);
    // Each of `documents` is a document at level 1, like `document`.
    walk(action, arg[key], key === "documents" ? 0 : 1, DOCUMENT_ARGUMENTS.has(key) ? "data" : "expression");
  }
  checkArrayFilters(action, arg.arrayFilters);
}

function depthOf(value: unknown, depth: number, action: string): void {
  if (value === null || typeof value !== "object" || bsonTypeOf(value) !== undefined) return;
  if (depth > MAX_DEPTH) throw tooDeep(action);
  if (Array.isArray(value)) {
    for (const item of value) depthOf(item, depth + 1, action);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) depthOf(value[key], depth + 1, action);
  }
}

/** Refuses a document a write would store when its `_id` is an array, it is nested deeper than 100 levels or larger than 16 MiB. */
export function validateStoredDocument(action: string, doc: Doc): void {
  // As MongoDB: an array `_id` is refused (the `_id` lookups in engine.ts rely on it).
  if (Array.isArray(doc._id)) throw refuse(`${action}: The '_id' value cannot be of type array`);
  depthOf(doc, 1, action);
  const size = calculateObjectSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw refuse(`${action}: document of ${size} bytes exceeds the maximum BSON document size of 16 MB`);
  }
}
