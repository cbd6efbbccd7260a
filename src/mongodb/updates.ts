/** Update documents: classification, application and upsert seeding (the parts mingo lacks). Internal. */
import type { Modifier, PipelineStage } from "mingo/updater";
import { bsonTypeOf, isPlainObject } from "./bson-values.js";
import { cloneValue, sameValue } from "./clone.js";
import { MINGO_OPTIONS, mentionsExpr, withMingo } from "./engine.js";
import { MongoActionError } from "./errors.js";
import { mingo } from "./mingo.js";
import type { Doc } from "./types.js";

/** An update argument, classified. */
export type UpdateSpec =
  | { kind: "operators"; operators: Doc; setOnInsert: Doc | undefined }
  | { kind: "replacement"; document: Doc }
  | { kind: "pipeline"; stages: Doc[] };

/**
 * Classifies an update argument: a document whose keys all start with `$` is an operator update, a document with
 * no `$` keys is a replacement, an array is an aggregation-pipeline update. Mixing both kinds is rejected.
 */
export function classifyUpdate(action: string, update: unknown): UpdateSpec {
  if (Array.isArray(update)) {
    if (!update.every(isPlainObject)) {
      throw new MongoActionError(
        "InvalidParameter",
        `${action}: every update pipeline stage must be a document`,
      );
    }
    return { kind: "pipeline", stages: update };
  }
  if (!isPlainObject(update)) {
    throw new MongoActionError("InvalidParameter", `${action}: 'update' must be a document or a pipeline`);
  }
  const keys = Object.keys(update);
  const operatorKeys = keys.filter((key) => key.startsWith("$"));
  // FIDELITY: a `$`-less document replaces for updateOne, updateMany and findOneAndUpdate alike (§12.1; unconfirmed
  // for updateMany, which MongoDB itself rejects).
  if (operatorKeys.length === 0) return { kind: "replacement", document: update };
  if (operatorKeys.length !== keys.length) {
    const field = keys.find((key) => !key.startsWith("$"));
    throw new MongoActionError(
      "MongoDBError",
      `Unknown modifier: ${field ?? ""}. Expected a valid update modifier or pipeline-style update`,
    );
  }
  const { $setOnInsert, ...operators } = update;
  if ($setOnInsert !== undefined && !isPlainObject($setOnInsert)) {
    throw new MongoActionError(
      "MongoDBError",
      "Modifiers operate on fields but we found another type instead",
    );
  }
  return { kind: "operators", operators, setOnInsert: $setOnInsert };
}

export interface ApplyContext {
  /** The query that selected the document (needed by the positional `$` operator). */
  filter: Doc;
  arrayFilters: Doc[] | undefined;
  /** True when the document is being created by an upsert (`$setOnInsert` then applies). */
  inserting: boolean;
}

function assertSameId(before: Doc, after: Doc): void {
  if ("_id" in after && !sameValue(before._id, after._id)) {
    throw new MongoActionError(
      "MongoDBError",
      "After applying the update, the (immutable) field '_id' was found to have been altered",
    );
  }
}

/** Returns `_id` first, then the other fields of `doc`. */
export function withId(id: unknown, doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  return { _id: id, ...rest };
}

/** True when an update path uses the positional `$` (the only use mingo has for the selecting filter). */
function usesPositional(operators: Doc): boolean {
  return Object.values(operators).some(
    (fields) => isPlainObject(fields) && Object.keys(fields).some((path) => path.split(".").includes("$")),
  );
}

/** Applies an update to a stored document and returns a new document; `existing` is not touched. */
export function applyUpdate(existing: Doc, spec: UpdateSpec, context: ApplyContext): Doc {
  if (spec.kind === "replacement") {
    assertSameId(existing, spec.document);
    return withId(existing._id, cloneValue(spec.document));
  }
  const copy = cloneValue(existing);
  if (spec.kind === "pipeline") {
    const holder = [copy];
    withMingo(() => mingo().updateOne(holder, {}, spec.stages as PipelineStage[], {}, MINGO_OPTIONS));
    const after = holder[0] ?? copy;
    assertSameId(existing, after);
    return withId(existing._id, after);
  }
  const operators =
    context.inserting && spec.setOnInsert !== undefined
      ? { ...spec.operators, $set: { ...asDoc(spec.operators.$set), ...spec.setOnInsert } }
      : spec.operators;
  if (Object.keys(operators).length === 0) return copy;
  // mingo re-tests `condition` before updating and uses it for the positional `$`. The document already matched
  // the filter, so it is passed only for a positional `$`; a document being inserted by an upsert need not match
  // the filter (e.g. `n: { $gt: 5 }` seeds nothing), so it gets an empty condition.
  const condition = context.inserting || !usesPositional(operators) ? {} : context.filter;
  const modifier = cloneValue(operators) as Modifier<Doc>;
  const { arrayFilters } = context;
  // mingo copies every operator table into each update (~150 µs); with an empty context its updater adds the query
  // operators and the few expression operators its own defaults have. Updates that mention `$expr` get them all.
  const { update, leanUpdate, updateOnly } = mingo();
  withMingo(() =>
    mentionsExpr([operators, arrayFilters, condition])
      ? update(copy, modifier, arrayFilters, condition, { queryOptions: MINGO_OPTIONS })
      : leanUpdate(copy, modifier, arrayFilters, condition, { queryOptions: updateOnly }),
  );
  return copy;
}

function asDoc(value: unknown): Doc {
  return isPlainObject(value) ? value : {};
}

/** Sets a dotted path in a plain document, creating intermediate documents. */
function setPath(target: Doc, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    // Own fields only: a path can never walk into a prototype (validateArgument refuses such keys first).
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    if (isPlainObject(next)) {
      node = next;
    } else {
      const created: Doc = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] ?? path] = value;
}

function isOperatorObject(value: unknown): value is Doc {
  return isPlainObject(value) && Object.keys(value).some((key) => key.startsWith("$"));
}

/**
 * The equality fields of a filter, as MongoDB uses them to seed an upsert: top-level `field: value`,
 * `field: { $eq: value }`, and the same inside `$and`. Other operators ($gt, $in, $or, regexes...) seed nothing.
 */
export function equalityFields(filter: Doc, out: Doc = {}): Doc {
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value)) {
      for (const clause of value) if (isPlainObject(clause)) equalityFields(clause, out);
    } else if (key.startsWith("$") || value instanceof RegExp || bsonTypeOf(value) === "BSONRegExp") {
      // $or, $nor, $expr and regular expressions do not seed an upsert.
    } else if (isOperatorObject(value)) {
      if ("$eq" in value) setPath(out, key, cloneValue(value.$eq));
    } else {
      setPath(out, key, cloneValue(value));
    }
  }
  return out;
}

/**
 * The document an upsert inserts. Operator and pipeline updates start from the filter's equality fields;
 * a replacement holds only `_id` plus its own fields (the filter's other fields are not copied).
 * The `_id` comes from the replacement, then the filter, then `newId()`.
 */
export function upsertDocument(
  filter: Doc,
  spec: UpdateSpec,
  arrayFilters: Doc[] | undefined,
  newId: () => unknown,
): Doc {
  const seed = equalityFields(filter);
  if (spec.kind === "replacement") {
    const id = "_id" in spec.document ? spec.document._id : "_id" in seed ? seed._id : newId();
    return withId(id, cloneValue(spec.document));
  }
  const base = withId("_id" in seed ? seed._id : newId(), seed);
  return applyUpdate(base, spec, { filter, arrayFilters, inserting: true });
}
