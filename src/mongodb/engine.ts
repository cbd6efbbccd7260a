/** Thin wrappers over mingo 7.2.7 (queries, sort, projection, aggregation). Internal to src/mongodb. */
import { Aggregator, Query } from "mingo";
import { MingoError } from "mingo/util";
import { cloneValue } from "./clone.js";
import { MongoActionError } from "./errors.js";
import type { Doc, DocMap } from "./types.js";

/** mingo options shared by every call; `_id` is the identity field as in MongoDB. */
export const MINGO_OPTIONS = { idKey: "_id" } as const;

/** Runs `fn`, turning mingo's validation errors into `MongoDBError`s (the database rejects such input). */
export function withMingo<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof MingoError) throw new MongoActionError("MongoDBError", error.message);
    throw error;
  }
}

/** Compiles a filter once (mingo compares bson ObjectIds, Dates and Decimal128s by value). */
export function compileFilter(filter: Doc): Query {
  return withMingo(() => new Query(filter, MINGO_OPTIONS));
}

export interface SelectOptions {
  sort?: Doc | undefined;
  /** Maximum number of documents; `undefined` or `0` means no limit. */
  limit?: number | undefined;
}

/**
 * The stored documents (by reference, never to be mutated) matching `filter`, sorted, then limited.
 * Without a sort this stops scanning at the limit.
 */
export function selectDocs(docs: DocMap, filter: Doc, options: SelectOptions = {}): Doc[] {
  const query = compileFilter(filter);
  const limit = options.limit ? Math.abs(options.limit) : Number.POSITIVE_INFINITY;
  const sort = options.sort;
  if (sort === undefined || Object.keys(sort).length === 0) {
    const out: Doc[] = [];
    for (const doc of docs.values()) {
      if (query.test(doc)) {
        out.push(doc);
        if (out.length >= limit) break;
      }
    }
    return out;
  }
  return withMingo(() => {
    const cursor = query.find<Doc>(docs.values()).sort(sort);
    return Number.isFinite(limit) ? cursor.limit(limit).all() : cursor.all();
  });
}

/** Counts the documents matching `filter`, stopping at `limit` when one is given. */
export function countDocs(docs: DocMap, filter: Doc, limit: number | undefined): number {
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
  const projected = withMingo(() => new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all());
  return projected.map((doc) => cloneValue(idFirst(doc)));
}

/** Runs an aggregation pipeline over copies of the documents (stages may not touch the stored objects). */
export function aggregateDocs(docs: DocMap, pipeline: Doc[]): Doc[] {
  function* copies(): Generator<Doc> {
    for (const doc of docs.values()) yield cloneValue(doc);
  }
  return withMingo(() => new Aggregator(pipeline, MINGO_OPTIONS).run(copies()) as Doc[]);
}
