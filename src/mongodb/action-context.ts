import { ObjectId } from "bson";
import type { PendingChange } from "./change-events.js";
import { MongoActionError } from "./errors.js";
import type { Doc, DocMap, MongoEnv, Namespace } from "./types.js";

/** What every action receives. `arg` is already a private deep copy of the caller's argument. */
export interface ActionContext {
  action: string;
  arg: Doc;
  docs: DocMap;
  env: MongoEnv;
  ns: Namespace;
}

/** What every action returns before change events are stamped. */
export interface ActionStep {
  docs: DocMap;
  result: unknown;
  pending: PendingChange[];
}

export type ActionFn = (context: ActionContext) => ActionStep;

function renderId(id: unknown): string {
  if (id instanceof ObjectId) return `ObjectId('${id.toHexString()}')`;
  if (typeof id === "string") return JSON.stringify(id);
  if (typeof id === "number" || typeof id === "boolean" || id === null) return String(id);
  try {
    return JSON.stringify(id) ?? String(id);
  } catch {
    return String(id);
  }
}

/**
 * The error for a second document with the same `_id`.
 * FIDELITY: modelled on mongod's E11000 text; App Services' exact wording and code (likely MongoDBError, 400) are
 * unconfirmed. Apps usually test for the substring "Duplicate key error".
 */
export function duplicateKeyError(ns: Namespace, id: unknown): MongoActionError {
  return new MongoActionError(
    "MongoDBError",
    `Duplicate key error collection: ${ns.database}.${ns.collection} index: _id_ dup key: { _id: ${renderId(id)} }`,
  );
}
