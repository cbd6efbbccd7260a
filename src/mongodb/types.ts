import type { ObjectId, Timestamp } from "bson";
import type { OrderedMap } from "immutable";

/** A stored MongoDB document: a plain object whose values are JS primitives, arrays, objects, Dates or bson 7 values. */
export type Doc = Record<string, unknown>;

/** The documents of one collection, keyed by `idKey(_id)`; insertion order is the natural order. */
export type DocMap = OrderedMap<string, Doc>;

/** Where a collection lives: the MongoDB service name (e.g. "mongodb-atlas"), the database and the collection. */
export interface Namespace {
  service: string;
  database: string;
  collection: string;
}

/** The operation types the emulated collection produces. */
export type ChangeOperationType = "insert" | "update" | "replace" | "delete";

/** A MongoDB change event, as delivered by `watch()`. */
export interface ChangeEvent {
  /** The resume token. */
  _id: { _data: string };
  operationType: ChangeOperationType;
  clusterTime: Timestamp;
  /** insert and replace: the new document; update: the post-image. Absent for delete. */
  fullDocument?: Doc;
  ns: { db: string; coll: string };
  documentKey: { _id: unknown };
  /** update only: top-level fields that were set or changed, and the names of removed top-level fields. */
  updateDescription?: { updatedFields: Doc; removedFields: string[] };
}

/**
 * What `findOneAndReplace` without an `update` key does (that is how realm-web 2.0.1 sends `findOneAndDelete`):
 * `"replace-with-id"` reproduces the real server (keeps an `_id`-only document, realm/realm-js#6497);
 * `"delete"` really deletes (an opt-in deviation).
 */
export type FindOneAndDeleteMode = "replace-with-id" | "delete";

/** Injected id generation and time, so that no action reads the wall clock or a random source. */
export interface MongoEnv {
  /** A new ObjectId for documents inserted without `_id`. */
  objectId(): ObjectId;
  /** The current time in epoch milliseconds (used for change-event cluster times). */
  now(): number;
  /** Optional increasing counter for the increment part of `clusterTime`; default: the position in the action. */
  nextEventOrdinal?(): number;
  /** Behaviour of `findOneAndReplace` without `update`; default `"replace-with-id"`. */
  findOneAndDelete?: FindOneAndDeleteMode;
}

/** The outcome of one action: the new collection state, the wire result and the change events to publish. */
export interface ActionOutcome {
  docs: DocMap;
  result: unknown;
  changes: ChangeEvent[];
}
