/** Thin wrappers over mingo 7.2.7 (queries, sort, projection, aggregation). Internal to src/mongodb. */
import type { Query } from "mingo";
import { bsonTypeOf, isPlainObject } from "./bson-values.js";
import { cloneValue } from "./clone.js";
import { MongoActionError } from "./errors.js";
import { idKey } from "./id-key.js";
import { mingo, mingoIfLoaded } from "./mingo.js";
import type { Doc, DocMap } from "./types.js";

/** mingo options shared by every call; `_id` is the identity field as in MongoDB. */
export const MINGO_OPTIONS = { idKey: "_id" } as const;

/** Runs `fn`, turning mingo's validation errors into `MongoDBError`s (the database rejects such input). */
export function withMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const MingoError = mingoIfLoaded()?.MingoError;
    if (MingoError && error instanceof MingoError) throw new MongoActionError("MongoDBError", error.message);
    throw error;
  }
}

/** True when `value` holds an `$expr` key at any depth (its expressions need mingo's expression operators). */
export function mentionsExpr(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsExpr);
  if (!isPlainObject(value)) return false;
  for (const key of Object.keys(value)) if (key === "$expr" || mentionsExpr(value[key])) return true;
  return false;
}

/**
 * Compiles a filter once (mingo compares bson ObjectIds, Dates and Decimal128s by value). mingo copies every
 * operator table of the context it is given into each query (~20 µs with all of them); the query operators alone
 * are what a filter without `$expr` can use.
 */
export function compileFilter(filter: Doc): Query {
  const { Query, queryOnly } = mingo();
  return withMingo(() => new Query(filter, mentionsExpr(filter) ? MINGO_OPTIONS : queryOnly));
}

export interface SelectOptions {
  sort?: Doc | undefined;
  /** Maximum number of documents; `undefined` or `0` means no limit. */
  limit?: number | undefined;
}

/**
 * The key of the one document an `_id` equality filter can match (`{ _id: v }`, also inside a top-level `$and`), for
 * `_id`s compared by value alike by mingo and `idKey`: strings, finite numbers and ObjectIds. Every document the
 * filter matches has that key (stored `_id`s are never arrays, see `validateStoredDocument`), so looking it up and
 * testing the whole filter on it selects exactly what a scan selects. Operator objects (`{ $eq: v }`, `{ $in: … }`)
 * and other values scan.
 */
export function idLookupKey(filter: Doc): string | undefined {
  if (Object.hasOwn(filter, "_id")) {
    const id = filter._id;
    if (typeof id === "string" || (typeof id === "number" && Number.isFinite(id))) return idKey(id);
    const type = bsonTypeOf(id);
    if (type === "ObjectId" || type === "ObjectID") return idKey(id);
  }
  const all = Object.hasOwn(filter, "$and") ? filter.$and : undefined;
  if (!Array.isArray(all)) return undefined;
  for (const part of all) {
    const key = isPlainObject(part) ? idLookupKey(part) : undefined;
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * The documents of a collection version in natural order, as an array built once per version: scans run over it
 * instead of walking the persistent map each time (~0.1 µs per document). Never to be mutated.
 */
const arrays = new WeakMap<DocMap, readonly Doc[]>();
export function docArray(docs: DocMap): readonly Doc[] {
  let array = arrays.get(docs);
  if (array === undefined) {
    array = Array.from(docs.values());
    arrays.set(docs, array);
  }
  return array;
}

/**
 * The documents a filter may match: the one its `_id` names, or all of them in natural order. `exact` is true when
 * they are also exactly the matches, so the filter need not be compiled: a filter that is only `{ _id: v }` (a
 * string, a finite number or an ObjectId) over a stored `_id` of the same kind, where mingo's equality is the key's
 * (a Long `_id` against a number, say, compiles).
 */
function candidatesOf(docs: DocMap, filter: Doc): { candidates: readonly Doc[]; exact: boolean } {
  const key = idLookupKey(filter);
  if (key === undefined) return { candidates: docArray(docs), exact: false };
  const doc = docs.get(key);
  const onlyId = Object.keys(filter).length === 1 && Object.hasOwn(filter, "_id");
  if (doc === undefined) return { candidates: [], exact: onlyId };
  return { candidates: [doc], exact: onlyId && sameIdKind(doc._id, filter._id) };
}

/**
 * Two strings, two numbers, or two ObjectIds of one bson library: mingo compares ObjectIds of different libraries
 * (realm-web's bson 4 and the kit's bson 7) as unequal, and a scan must stay the reference.
 */
function sameIdKind(a: unknown, b: unknown): boolean {
  if (typeof a === "string" || typeof a === "number") return typeof a === typeof b;
  return (
    typeof a === "object" &&
    a !== null &&
    typeof b === "object" &&
    b !== null &&
    a.constructor === b.constructor
  );
}

/**
 * The stored documents (by reference, never to be mutated) matching `filter`, sorted, then limited.
 * Without a sort this stops scanning at the limit; an `_id` equality filter looks its document up.
 */
export function selectDocs(docs: DocMap, filter: Doc, options: SelectOptions = {}): Doc[] {
  const { candidates, exact } = candidatesOf(docs, filter);
  if (exact) return [...candidates];
  const query = compileFilter(filter);
  const limit = options.limit ? Math.abs(options.limit) : Number.POSITIVE_INFINITY;
  const sort = options.sort;
  if (sort === undefined || Object.keys(sort).length === 0) {
    const out: Doc[] = [];
    for (const doc of candidates) {
      if (query.test(doc)) {
        out.push(doc);
        if (out.length >= limit) break;
      }
    }
    return out;
  }
  return withMingo(() => {
    const cursor = query.find<Doc>(candidates as Doc[]).sort(sort);
    return Number.isFinite(limit) ? cursor.limit(limit).all() : cursor.all();
  });
}

/** Counts the documents matching `filter`, stopping at `limit` when one is given; `{}` counts from the size. */
export function countDocs(docs: DocMap, filter: Doc, limit: number | undefined): number {
  if (Object.keys(filter).length === 0) return limit ? Math.min(docs.size, Math.abs(limit)) : docs.size;
  return selectDocs(docs, filter, { limit }).length;
}

/** Moves `_id` to the front (mingo appends it after included fields; MongoDB keeps it first). */
function idFirst(doc: Doc): Doc {
  const keys = Object.keys(doc);
  if (keys[0] === "_id" || !keys.includes("_id")) return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

/** Applies a projection to stored documents and returns fresh deep copies the caller may mutate. */
export function projectDocs(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (projection === undefined || Object.keys(projection).length === 0) return docs.map(cloneValue);
  const { Query } = mingo();
  const projected = withMingo(() => new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all());
  return projected.map((doc) => cloneValue(idFirst(doc)));
}

/** Runs an aggregation pipeline over copies of the documents (stages may not touch the stored objects). */
export function aggregateDocs(docs: DocMap, pipeline: Doc[]): Doc[] {
  function* copies(): Generator<Doc> {
    for (const doc of docArray(docs)) yield cloneValue(doc);
  }
  const { Aggregator } = mingo();
  return withMingo(() => new Aggregator(pipeline, MINGO_OPTIONS).run(copies()) as Doc[]);
}
