import { runAction } from "./actions.js";
import { MockCursor } from "./cursor.js";
import { loadMingo } from "./mingo.js";
import type { ChangeEvent, Doc, DocMap, MongoEnv, Namespace } from "./types.js";

/** Where a collection handle reads and writes its documents; `set` also receives the change events to publish. */
export interface CollectionCell {
  get(): DocMap;
  /** Stores the result of one write `action` (e.g. `"insertOne"`) with its change events. */
  set(docs: DocMap, changes: ChangeEvent[], action: string): void;
  /** Runs one synchronous action; when it throws, whatever it drew (ids) is given back. Default: just runs it. */
  refusable?<T>(step: () => T): T;
}

export interface FindOptions {
  projection?: Doc;
  sort?: Doc;
  limit?: number;
}

export interface FindOneOptions {
  projection?: Doc;
  sort?: Doc;
}

export interface FindOneAndModifyOptions extends FindOneOptions {
  upsert?: boolean;
  returnNewDocument?: boolean;
}

export interface UpdateOptions {
  upsert?: boolean;
  arrayFilters?: Doc[];
}

export interface CountOptions {
  limit?: number;
}

export interface InsertOneResult {
  insertedId: unknown;
}

export interface InsertManyResult {
  insertedIds: unknown[];
}

export interface DeleteResult {
  deletedCount: number;
}

/** `upsertedId` is present only when an upsert inserted a document. */
export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: unknown;
}

/**
 * A collection as App Services functions (`context.services.get(...).db(...).collection(...)`) and tests see it.
 * Every method goes through `runAction`; results are fresh copies the caller may mutate.
 */
export interface MongoCollectionHandle<T extends Doc = Doc> {
  readonly namespace: Namespace;
  /** Awaitable, or `.toArray()` as in App Services functions. */
  find(filter?: Doc, options?: FindOptions): MockCursor<T>;
  findOne(filter?: Doc, options?: FindOneOptions): Promise<T | null>;
  findOneAndUpdate(filter: Doc, update: Doc | Doc[], options?: FindOneAndModifyOptions): Promise<T | null>;
  findOneAndReplace(filter: Doc, replacement: Doc, options?: FindOneAndModifyOptions): Promise<T | null>;
  /** Really deletes the first match (this is the server-side API, not realm-web's quirky wire call). */
  findOneAndDelete(filter?: Doc, options?: FindOneOptions): Promise<T | null>;
  aggregate<R extends Doc = Doc>(pipeline: Doc[]): MockCursor<R>;
  count(filter?: Doc, options?: CountOptions): Promise<number>;
  insertOne(document: Partial<T>): Promise<InsertOneResult>;
  insertMany(documents: Partial<T>[]): Promise<InsertManyResult>;
  deleteOne(filter?: Doc): Promise<DeleteResult>;
  deleteMany(filter?: Doc): Promise<DeleteResult>;
  updateOne(filter: Doc, update: Doc | Doc[], options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Doc, update: Doc | Doc[], options?: UpdateOptions): Promise<UpdateResult>;
}

/** Runs one action in place of `runAction` over the cell (rule-checked handles). */
export type ActionExecutor = (action: string, arg: Doc) => Promise<unknown>;

/**
 * Creates a handle over `cell`; writes call `cell.set` once with the new documents and their change events.
 * With `execute`, every call goes through it instead (the cell is then not used).
 */
export function createCollectionHandle<T extends Doc = Doc>(
  cell: CollectionCell,
  env: MongoEnv,
  namespace: Namespace,
  execute?: ActionExecutor,
): MongoCollectionHandle<T> {
  const base = { database: namespace.database, collection: namespace.collection };
  // Async so that a thrown MongoActionError becomes a rejected promise, as in App Services.
  const run = async <R>(action: string, arg: Doc): Promise<R> => {
    if (execute !== undefined) return (await execute(action, { ...base, ...arg })) as R;
    const loading = loadMingo();
    if (loading !== undefined) await loading;
    const before = cell.get();
    const step = () => runAction(action, { ...base, ...arg }, before, env, namespace);
    const outcome = cell.refusable ? cell.refusable(step) : step();
    if (outcome.docs !== before || outcome.changes.length > 0)
      cell.set(outcome.docs, outcome.changes, action);
    return outcome.result as R;
  };
  return {
    namespace,
    find: (filter = {}, options = {}) =>
      new MockCursor(() =>
        run("find", { query: filter, project: options.projection, sort: options.sort, limit: options.limit }),
      ),
    findOne: (filter = {}, options = {}) =>
      run("findOne", { query: filter, project: options.projection, sort: options.sort }),
    findOneAndUpdate: (filter, update, options = {}) =>
      run("findOneAndUpdate", { filter, update, ...options }),
    findOneAndReplace: (filter, replacement, options = {}) =>
      run("findOneAndReplace", { filter, update: replacement, ...options }),
    findOneAndDelete: (filter = {}, options = {}) => run("findOneAndDelete", { filter, ...options }),
    aggregate: (pipeline) => new MockCursor(() => run("aggregate", { pipeline })),
    count: (filter = {}, options = {}) => run("count", { query: filter, limit: options.limit }),
    insertOne: (document) => run("insertOne", { document }),
    insertMany: (documents) => run("insertMany", { documents }),
    deleteOne: (filter = {}) => run("deleteOne", { query: filter }),
    deleteMany: (filter = {}) => run("deleteMany", { query: filter }),
    updateOne: (filter, update, options = {}) => run("updateOne", { query: filter, update, ...options }),
    updateMany: (filter, update, options = {}) => run("updateMany", { query: filter, update, ...options }),
  };
}
