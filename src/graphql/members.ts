import type { FieldModel, ObjectModel } from "./model.js";

// The members of the generated input types, per field (../shared/spec/graphql-api.md §5).

export type QueryOp = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin" | "exists";
export type UpdateOp = "set" | "unset" | "inc";

export interface Member<Op> {
  readonly field: FieldModel;
  readonly op: Op;
}

const COMPARABLE: readonly QueryOp[] = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "exists"];

/** Which `…QueryInput` members a field gets. */
export function queryOps(field: FieldModel): readonly QueryOp[] {
  const { shape } = field;
  switch (shape.kind) {
    case "scalar":
      // Boolean: equality, `_ne` and `_exists` only (as in real generated schemas).
      return shape.scalar === "Boolean" ? ["eq", "ne", "exists"] : COMPARABLE;
    case "object":
      return ["eq", "exists"];
    case "array":
      return ["eq", "in", "nin", "exists"];
    case "relation":
      return shape.isList ? ["eq", "in", "nin", "exists"] : ["eq", "exists"];
  }
}

/** Which `…UpdateInput` members a field gets: `_inc` for Int and Float only (not Long). */
export function updateOps(field: FieldModel): readonly UpdateOp[] {
  const { shape } = field;
  const numeric = shape.kind === "scalar" && (shape.scalar === "Int" || shape.scalar === "Float");
  return numeric ? ["set", "inc", "unset"] : ["set", "unset"];
}

export const memberName = (field: FieldModel, op: string): string =>
  op === "eq" || op === "set" ? field.name : `${field.name}_${op}`;

function membersOf<Op extends string>(
  model: ObjectModel,
  ops: (field: FieldModel) => readonly Op[],
): ReadonlyMap<string, Member<Op>> {
  const members = new Map<string, Member<Op>>();
  for (const field of model.fields)
    for (const op of ops(field)) members.set(memberName(field, op), { field, op });
  return members;
}

function cachedMembers<Op extends string>(
  cache: WeakMap<ObjectModel, ReadonlyMap<string, Member<Op>>>,
  model: ObjectModel,
  ops: (field: FieldModel) => readonly Op[],
): ReadonlyMap<string, Member<Op>> {
  const known = cache.get(model);
  if (known) return known;
  const members = membersOf(model, ops);
  cache.set(model, members);
  return members;
}

const queryCache = new WeakMap<ObjectModel, ReadonlyMap<string, Member<QueryOp>>>();
const updateCache = new WeakMap<ObjectModel, ReadonlyMap<string, Member<UpdateOp>>>();

/** `…QueryInput` member name → field and operator. */
export const queryMembers = (model: ObjectModel) => cachedMembers(queryCache, model, queryOps);

/** `…UpdateInput` member name → field and operator. */
export const updateMembers = (model: ObjectModel) => cachedMembers(updateCache, model, updateOps);

/** Root fields a `…SortByInput` offers: scalars except Boolean, and to-one relationships (by stored key). */
export function sortable(field: FieldModel): boolean {
  const { shape } = field;
  if (shape.kind === "scalar") return shape.scalar !== "Boolean";
  return shape.kind === "relation" && !shape.isList;
}
