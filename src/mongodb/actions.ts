import type { ActionContext, ActionFn, ActionStep } from "./action-context.js";
import {
  findOneAndDelete,
  findOneAndReplace,
  findOneAndUpdate,
  updateMany,
  updateOne,
} from "./actions-update.js";
import { deleteMany, deleteOne, insertMany, insertOne } from "./actions-write.js";
import { optionalDoc, optionalNumber, requiredDocArray } from "./args.js";
import { isPlainObject } from "./bson-values.js";
import { toChangeEvents } from "./change-events.js";
import { cloneValue } from "./clone.js";
import { aggregateDocs, countDocs, projectDocs, selectDocs } from "./engine.js";
import { isMongoActionError, MongoActionError, reasonOf } from "./errors.js";
import type { ActionOutcome, Doc, DocMap, MongoEnv, Namespace } from "./types.js";
import { validateArgument, validateStoredDocument } from "./validate.js";

function find({ action, arg, docs }: ActionContext): ActionStep {
  const filter = optionalDoc(action, arg, "query") ?? {};
  const sort = optionalDoc(action, arg, "sort");
  const selected = selectDocs(docs, filter, { sort, limit: optionalNumber(action, arg, "limit") });
  return { docs, result: projectDocs(selected, optionalDoc(action, arg, "project")), pending: [] };
}

function findOne({ action, arg, docs }: ActionContext): ActionStep {
  const filter = optionalDoc(action, arg, "query") ?? {};
  const selected = selectDocs(docs, filter, { sort: optionalDoc(action, arg, "sort"), limit: 1 });
  const [first] = projectDocs(selected, optionalDoc(action, arg, "project"));
  return { docs, result: first ?? null, pending: [] };
}

function count({ action, arg, docs }: ActionContext): ActionStep {
  const filter = optionalDoc(action, arg, "query") ?? {};
  return { docs, result: countDocs(docs, filter, optionalNumber(action, arg, "limit")), pending: [] };
}

function aggregate({ action, arg, docs }: ActionContext): ActionStep {
  return { docs, result: aggregateDocs(docs, requiredDocArray(action, arg, "pipeline")), pending: [] };
}

/** Every action name the MongoDB service answers, with its implementation. */
const ACTIONS: Readonly<Record<string, ActionFn>> = {
  find,
  findOne,
  findOneAndUpdate,
  findOneAndReplace,
  // Not a wire name of realm-web 2.0.1 (it sends findOneAndReplace without `update`); used by the server-side
  // collection handle and by apps on other SDKs. Always really deletes.
  findOneAndDelete,
  aggregate,
  count,
  insertOne,
  insertMany,
  deleteOne,
  deleteMany,
  updateOne,
  updateMany,
};

/** The action names `runAction` accepts. */
export const MONGO_ACTIONS: readonly string[] = Object.keys(ACTIONS);

/**
 * Runs one MongoDB service action against a collection's documents. Pure and synchronous: `docs` is never
 * modified; the new state, the wire result (fresh objects the caller may keep or mutate) and one change event per
 * changed document are returned. Throws `MongoActionError` for invalid input, duplicate keys and unknown actions.
 * `arg.database` and `arg.collection` are ignored: `ns` says which collection `docs` holds.
 */
export function runAction(
  action: string,
  arg: Doc,
  docs: DocMap,
  env: MongoEnv,
  ns: Namespace,
): ActionOutcome {
  const fn = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (fn === undefined) {
    // An unknown service command: realm-core calls this ServiceCommandNotFound (wording and status unconfirmed).
    throw new MongoActionError("ServiceCommandNotFound", `function not found: '${action}'`);
  }
  if (!isPlainObject(arg)) {
    throw new MongoActionError("InvalidParameter", `${action}: the argument must be a document`);
  }
  validateArgument(action, arg);
  const step = evaluate(action, () => {
    // A private copy: nothing the caller still holds (filters, documents to insert) can end up shared with state.
    const step = fn({ action, arg: cloneValue(arg), docs, env, ns });
    for (const change of step.pending)
      if (change.type !== "delete") validateStoredDocument(action, change.after);
    return step;
  });
  return { docs: step.docs, result: step.result, changes: toChangeEvents(step.pending, env, ns) };
}

/**
 * Runs the evaluation of client input (queries, updates, projections, pipelines): whatever it throws is the
 * database refusing that input (MongoDBError, 400), never an unexpected failure of the kit.
 */
function evaluate<T>(action: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isMongoActionError(error)) throw error;
    throw new MongoActionError("MongoDBError", `${action}: ${reasonOf(error)}`);
  }
}
