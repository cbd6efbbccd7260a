/** insertOne, insertMany, deleteOne, deleteMany. */
import type { ActionContext, ActionStep } from "./action-context.js";
import { duplicateKeyError } from "./action-context.js";
import { optionalDoc, requiredDoc, requiredDocArray } from "./args.js";
import type { PendingChange } from "./change-events.js";
import { cloneValue } from "./clone.js";
import { selectDocs } from "./engine.js";
import { MongoActionError } from "./errors.js";
import { idKey } from "./id-key.js";
import type { Doc, MongoEnv } from "./types.js";
import { withId } from "./updates.js";

/** The stored form of an inserted document: `_id` first, generated with `env.objectId()` when missing. */
export function prepareInsert(doc: Doc, env: MongoEnv): Doc {
  const id = doc._id === undefined ? env.objectId() : doc._id;
  return withId(id, doc);
}

export function insertOne({ action, arg, docs, env, ns }: ActionContext): ActionStep {
  const doc = prepareInsert(requiredDoc(action, arg, "document"), env);
  const key = idKey(doc._id);
  if (docs.has(key)) throw duplicateKeyError(ns, doc._id);
  return {
    docs: docs.set(key, doc),
    result: { insertedId: cloneValue(doc._id) },
    pending: [{ type: "insert", after: doc }],
  };
}

/**
 * FIDELITY: insertMany is all-or-nothing here; MongoDB's ordered insert keeps the documents before a duplicate.
 * An empty `documents` array is rejected, as the server rejects an empty write batch (wording unconfirmed).
 */
export function insertMany({ action, arg, docs, env, ns }: ActionContext): ActionStep {
  const input = requiredDocArray(action, arg, "documents");
  if (input.length === 0)
    throw new MongoActionError("InvalidParameter", `${action}: 'documents' must not be empty`);
  const prepared = input.map((doc) => prepareInsert(doc, env));
  const next = docs.withMutations((map) => {
    for (const doc of prepared) {
      const key = idKey(doc._id);
      if (map.has(key)) throw duplicateKeyError(ns, doc._id);
      map.set(key, doc);
    }
  });
  return {
    docs: next,
    result: { insertedIds: prepared.map((doc) => cloneValue(doc._id)) },
    pending: prepared.map((doc) => ({ type: "insert", after: doc })),
  };
}

function deleteMatches(context: ActionContext, limit: number | undefined): ActionStep {
  const filter = optionalDoc(context.action, context.arg, "query") ?? {};
  const victims = selectDocs(context.docs, filter, { limit });
  const next = context.docs.withMutations((map) => {
    for (const doc of victims) map.delete(idKey(doc._id));
  });
  const pending: PendingChange[] = victims.map((doc) => ({ type: "delete", id: doc._id }));
  return { docs: victims.length ? next : context.docs, result: { deletedCount: victims.length }, pending };
}

export const deleteOne = (context: ActionContext): ActionStep => deleteMatches(context, 1);
export const deleteMany = (context: ActionContext): ActionStep => deleteMatches(context, undefined);
