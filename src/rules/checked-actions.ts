/**
 * MongoDB service actions under collection rules: reads see only readable documents (hidden fields removed, the
 * filters' queries ANDed in), writes match only the documents the user may see and are refused as a whole when
 * one changed document is not permitted. Nothing is stored (and no id is taken) unless every check passed.
 */
import { OrderedMap } from "immutable";
import { AppServicesError } from "../errors.js";
import { duplicateKeyError } from "../mongodb/action-context.js";
import { optionalDoc } from "../mongodb/args.js";
import { projectDocs, selectDocs } from "../mongodb/engine.js";
import {
  type ActionOutcome,
  type ChangeEvent,
  type Doc,
  type DocMap,
  idKey,
  type MongoEnv,
  type Namespace,
  runAction,
} from "../mongodb/index.js";
import type { CollectionRules } from "./engine.js";

/** Where a rule-checked action reads and commits; `position`/`rewind` give back ids a refused write took. */
export interface CheckedStore {
  get(): DocMap;
  commit(docs: DocMap, changes: ChangeEvent[], action: string): void;
  /** The id sequence and event counter positions. */
  position(): readonly number[];
  /** Back to `to`, when nothing else moved the counters since `from`. */
  rewind(to: readonly number[], from: readonly number[]): void;
}

export interface CheckedContext {
  readonly rules: CollectionRules;
  readonly store: CheckedStore;
  readonly env: MongoEnv;
  readonly ns: Namespace;
}

const READS = new Set(["find", "findOne", "count", "aggregate"]);
/** The argument key holding the query of each query-driven write. */
const WRITE_QUERY: Readonly<Record<string, "query" | "filter">> = {
  updateOne: "query",
  updateMany: "query",
  deleteOne: "query",
  deleteMany: "query",
  findOneAndUpdate: "filter",
  findOneAndReplace: "filter",
  findOneAndDelete: "filter",
};
const INSERTS = new Set(["insertOne", "insertMany"]);
/** A write that lost a race with another write is redone this many times at most. */
const MAX_ATTEMPTS = 5;

const and = (a: Doc | undefined, b: Doc | undefined): Doc => {
  if (b === undefined) return a ?? {};
  if (a === undefined || Object.keys(a).length === 0) return b;
  return { $and: [a, b] };
};

const toMap = (docs: readonly Doc[]): DocMap => OrderedMap(docs.map((doc) => [idKey(doc._id), doc]));

/** Runs `action` for a user under `ctx.rules`. Throws AppServicesError or MongoActionError like `runAction`. */
export async function runCheckedAction(action: string, arg: Doc, ctx: CheckedContext): Promise<unknown> {
  if (READS.has(action)) return read(action, arg, ctx);
  if (INSERTS.has(action) || Object.hasOwn(WRITE_QUERY, action)) return write(action, arg, ctx);
  // Unknown actions fail as they do without rules (ServiceCommandNotFound).
  return runAction(action, arg, OrderedMap(), ctx.env, ctx.ns).result;
}

/**
 * FIDELITY: the request's query runs first on the stored documents (narrowing), then again on the readable views
 * (hidden fields removed, filter projections applied), so a query, sort or pipeline never sees a hidden field.
 * An aggregation pipeline runs over the readable views of the documents the filters let through; a `$lookup`
 * into another collection is not resolved by the kit's engine, with or without rules.
 */
async function read(action: string, arg: Doc, ctx: CheckedContext): Promise<unknown> {
  const { rules, store, env, ns } = ctx;
  const filter = await rules.queryFilter();
  const docs = store.get();
  if (action === "aggregate") {
    const candidates = filter === undefined ? [...docs.values()] : selectDocs(docs, filter);
    return runAction(action, arg, toMap(await rules.filterRead(candidates)), env, ns).result;
  }
  const query = and(optionalDoc(action, arg, "query"), filter);
  const views = await rules.filterRead(selectDocs(docs, query));
  return runAction(action, { ...arg, query }, toMap(views), env, ns).result;
}

/** Puts the changes an action made on `view` (a subset of `docs`) into `docs`. */
function merge(docs: DocMap, view: DocMap, outcome: ActionOutcome, ns: Namespace): DocMap {
  if (outcome.changes.length === 0) return docs;
  return docs.withMutations((map) => {
    for (const change of outcome.changes) {
      const key = idKey(change.documentKey._id);
      if (change.operationType === "delete") {
        map.delete(key);
        continue;
      }
      // An upsert may not overwrite a document the user cannot see.
      if (change.operationType === "insert" && docs.has(key) && !view.has(key)) {
        throw duplicateKeyError(ns, change.documentKey._id);
      }
      const stored = outcome.docs.get(key);
      if (stored !== undefined) map.set(key, stored);
    }
  });
}

async function checkChanges(
  changes: readonly ChangeEvent[],
  before: DocMap,
  after: DocMap,
  rules: CollectionRules,
): Promise<void> {
  for (const change of changes) {
    const key = idKey(change.documentKey._id);
    const old = before.get(key);
    const next = after.get(key);
    if (change.operationType === "delete") {
      if (old !== undefined) await rules.checkDelete(old);
    } else if (next !== undefined) {
      if (change.operationType === "insert" || old === undefined) await rules.checkInsert(next);
      else await rules.checkUpdate(old, next);
    }
  }
}

/**
 * FIDELITY: a query-driven write matches only documents that have a role whose `document_filters` let the user
 * see them (others are as if absent, like on reads); when one changed document is not permitted the whole write is
 * refused. A role is chosen for the document after the change (`%%root`; `%%prevRoot` is the one before), and for
 * a delete for the deleted document (app-config §11.7 leaves this open).
 */
async function write(action: string, arg: Doc, ctx: CheckedContext): Promise<unknown> {
  const { rules, store, env, ns } = ctx;
  const queryKey = WRITE_QUERY[action];
  for (let attempt = 1; ; attempt++) {
    const docs = store.get();
    let view = docs;
    let runArg = arg;
    if (queryKey !== undefined) {
      const query = and(optionalDoc(action, arg, queryKey), await rules.queryFilter());
      view = toMap(await rules.writable(selectDocs(docs, query)));
      // findOneAnd* results are shaped below, from the whole document.
      runArg = { ...arg, [queryKey]: query, projection: undefined };
    }
    if (store.get() === docs) {
      const start = store.position();
      let outcome: ActionOutcome;
      let next: DocMap;
      let end: readonly number[] | undefined;
      try {
        outcome = runAction(action, runArg, view, env, ns);
        end = store.position();
        next = merge(docs, view, outcome, ns);
        await checkChanges(outcome.changes, docs, outcome.docs, rules);
      } catch (error) {
        // A synchronous failure of runAction leaves nothing in between; after the checks' awaits, only our ids.
        store.rewind(start, end ?? store.position());
        throw error;
      }
      if (store.get() === docs) {
        if (outcome.changes.length > 0) store.commit(next, outcome.changes, action);
        return shapeResult(action, arg, outcome.result, rules);
      }
      store.rewind(start, end);
    }
    // Another write landed while the rules were evaluated: start again from the new documents.
    if (attempt >= MAX_ATTEMPTS) {
      throw new AppServicesError("MongoDBError", `${action}: the collection kept changing; try again`);
    }
  }
}

/** findOneAnd*: the chosen document's readable view, then the request's projection. */
async function shapeResult(
  action: string,
  arg: Doc,
  result: unknown,
  rules: CollectionRules,
): Promise<unknown> {
  if (WRITE_QUERY[action] !== "filter") return result;
  if (result === null || result === undefined) return null;
  const view = await rules.readOne(result as Doc);
  if (view === undefined) return null;
  return projectDocs([view], optionalDoc(action, arg, "projection"))[0] ?? null;
}
