/** updateOne, updateMany and the findOneAnd* family: one write path (`writeUpdates`) for all of them. */
import type { ActionContext, ActionStep } from "./action-context.js";
import { duplicateKeyError } from "./action-context.js";
import { flag, optionalDoc, optionalDocArray, requiredValue } from "./args.js";
import type { PendingChange } from "./change-events.js";
import { cloneValue, sameValue } from "./clone.js";
import { projectDocs, selectDocs } from "./engine.js";
import { MongoActionError } from "./errors.js";
import { idKey } from "./id-key.js";
import type { Doc } from "./types.js";
import { applyUpdate, classifyUpdate, type UpdateSpec, upsertDocument } from "./updates.js";

interface WriteOptions {
  filter: Doc;
  spec: UpdateSpec;
  multi: boolean;
  sort?: Doc | undefined;
  upsert: boolean;
  arrayFilters?: Doc[] | undefined;
}

interface WriteOutcome extends ActionStep {
  matchedCount: number;
  modifiedCount: number;
  upserted: Doc | undefined;
  /** The first matched document before and after the write (findOneAnd*). */
  before: Doc | undefined;
  after: Doc | undefined;
}

function writeUpdates(context: ActionContext, options: WriteOptions): WriteOutcome {
  const { docs, env, ns } = context;
  const { filter, spec, arrayFilters } = options;
  const matches = selectDocs(docs, filter, { sort: options.sort, limit: options.multi ? undefined : 1 });
  if (matches.length === 0) {
    const empty = { matchedCount: 0, modifiedCount: 0, before: undefined, after: undefined };
    if (!options.upsert) return { ...empty, docs, result: undefined, pending: [], upserted: undefined };
    const doc = upsertDocument(filter, spec, arrayFilters, () => env.objectId());
    const key = idKey(doc._id);
    if (docs.has(key)) throw duplicateKeyError(ns, doc._id);
    const pending: PendingChange[] = [{ type: "insert", after: doc }];
    return { ...empty, after: doc, docs: docs.set(key, doc), result: undefined, pending, upserted: doc };
  }
  const pending: PendingChange[] = [];
  const type = spec.kind === "replacement" ? "replace" : "update";
  const updated = matches.map((before) =>
    applyUpdate(before, spec, { filter, arrayFilters, inserting: false }),
  );
  const next = docs.withMutations((map) => {
    matches.forEach((before, index) => {
      const after = updated[index] ?? before;
      if (sameValue(before, after)) return;
      map.set(idKey(before._id), after);
      pending.push(type === "replace" ? { type, after } : { type, before, after });
    });
  });
  return {
    docs: pending.length ? next : docs,
    result: undefined,
    pending,
    matchedCount: matches.length,
    modifiedCount: pending.length,
    upserted: undefined,
    before: matches[0],
    after: updated[0],
  };
}

function updateMatches(context: ActionContext, multi: boolean): ActionStep {
  const { action, arg } = context;
  const outcome = writeUpdates(context, {
    filter: optionalDoc(action, arg, "query") ?? {},
    spec: classifyUpdate(action, requiredValue(action, arg, "update")),
    multi,
    upsert: flag(action, arg, "upsert"),
    arrayFilters: optionalDocArray(action, arg, "arrayFilters"),
  });
  const result: Doc = { matchedCount: outcome.matchedCount, modifiedCount: outcome.modifiedCount };
  // `upsertedId` is absent (not null) unless a document was inserted.
  if (outcome.upserted) result.upsertedId = cloneValue(outcome.upserted._id);
  return { docs: outcome.docs, result, pending: outcome.pending };
}

export const updateOne = (context: ActionContext): ActionStep => updateMatches(context, false);
export const updateMany = (context: ActionContext): ActionStep => updateMatches(context, true);

function findOneAndWrite(context: ActionContext, spec: UpdateSpec): ActionStep {
  const { action, arg } = context;
  const outcome = writeUpdates(context, {
    filter: optionalDoc(action, arg, "filter") ?? {},
    spec,
    multi: false,
    sort: optionalDoc(action, arg, "sort"),
    upsert: flag(action, arg, "upsert"),
    arrayFilters: optionalDocArray(action, arg, "arrayFilters"),
  });
  const chosen = flag(action, arg, "returnNewDocument") ? outcome.after : outcome.before;
  const projection = optionalDoc(action, arg, "projection");
  const result = chosen === undefined ? null : (projectDocs([chosen], projection)[0] ?? null);
  return { docs: outcome.docs, result, pending: outcome.pending };
}

export function findOneAndUpdate(context: ActionContext): ActionStep {
  const { action, arg } = context;
  return findOneAndWrite(context, classifyUpdate(action, requiredValue(action, arg, "update")));
}

/** A real delete of the first match (in `sort` order), returning the projected pre-image or null. */
export function findOneAndDelete({ action, arg, docs }: ActionContext): ActionStep {
  const filter = optionalDoc(action, arg, "filter") ?? {};
  const [victim] = selectDocs(docs, filter, { sort: optionalDoc(action, arg, "sort"), limit: 1 });
  if (victim === undefined) return { docs, result: null, pending: [] };
  const result = projectDocs([victim], optionalDoc(action, arg, "projection"))[0] ?? null;
  return { docs: docs.delete(idKey(victim._id)), result, pending: [{ type: "delete", id: victim._id }] };
}

export function findOneAndReplace(context: ActionContext): ActionStep {
  const { action, arg, env } = context;
  if (arg.update === undefined || arg.update === null) {
    if (env.findOneAndDelete === "delete") return findOneAndDelete(context);
    // FIDELITY: realm-web 2.0.1 sends findOneAndDelete as findOneAndReplace without `update`;
    // the real server keeps an _id-only document (realm/realm-js#6497). Default mode reproduces it.
    return findOneAndWrite(context, { kind: "replacement", document: {} });
  }
  const spec = classifyUpdate(action, arg.update);
  if (spec.kind !== "replacement") {
    throw new MongoActionError("MongoDBError", "Replacement document must not contain update operators");
  }
  return findOneAndWrite(context, spec);
}
