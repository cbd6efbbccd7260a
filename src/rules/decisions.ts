/**
 * The per-document decisions of app-config.md §7.3–7.5: which role applies, what of a document a role may read,
 * and whether it may insert, update or delete it. Pure functions of (role, documents, scope).
 */
import { cloneValue, type Doc, isPlainObject, sameValue } from "../mongodb/index.js";
import type { DocumentTest } from "./apply-when.js";
import { type ExpressionScope, ruleStep } from "./expression.js";
import { getPath, setOwn } from "./paths.js";
import type { Step } from "./steps.js";
import type { FieldPermission, RuleRole } from "./types.js";

function* isTrue(expression: unknown, scope: ExpressionScope): Step<boolean> {
  // Literal settings (`read: true`, unset) need no evaluation.
  if (expression === undefined || typeof expression === "boolean") return expression === true;
  return (yield* ruleStep(expression, scope)) === true;
}

/** `isTrue` with `%%this` set to a field's value; the field's scope is built only for an expression to evaluate. */
function* isTrueOfField(expression: unknown, scope: ExpressionScope, value: unknown): Step<boolean> {
  if (expression === undefined || typeof expression === "boolean") return expression === true;
  return yield* isTrue(expression, { ...scope, this: value });
}

const own = <T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined =>
  map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;

/**
 * §7.3: the first role (in order) whose `apply_when` is true, or undefined (no access).
 * `prepared[i]`, when set, is role i's `apply_when` prepared for this request (`prepareApplyWhen`).
 *
 * FIDELITY: a role without `apply_when` applies (as `{}`).
 */
export function* assignRole(
  roles: readonly RuleRole[],
  scope: ExpressionScope,
  prepared: readonly (DocumentTest | undefined)[] = [],
): Step<RuleRole | undefined> {
  for (let index = 0; index < roles.length; index++) {
    const role = roles[index] as RuleRole;
    const test = prepared[index];
    if (test !== undefined ? test(scope.root) : yield* isTrue(role.apply_when ?? {}, scope)) return role;
  }
  return undefined;
}

/** §7.4 B: `document_filters.read`, else `document_filters.write`, must be true when document_filters is set. */
export function* passesReadFilter(role: RuleRole, scope: ExpressionScope): Step<boolean> {
  const filters = role.document_filters;
  if (filters === undefined) return true;
  return (yield* isTrue(filters.read, scope)) || (yield* isTrue(filters.write, scope));
}

const OMIT = Symbol("withheld");

/** §7.4 D for one listed field: read, else write, covers the field and what it embeds; else its listed sub-fields. */
function* readField(permission: FieldPermission, value: unknown, scope: ExpressionScope): Step<unknown> {
  if (
    (yield* isTrueOfField(permission.read, scope, value)) ||
    (yield* isTrueOfField(permission.write, scope, value))
  ) {
    return value;
  }
  if (permission.fields === undefined || !isPlainObject(value)) return OMIT;
  const out: Doc = {};
  for (const [key, inner] of Object.entries(value)) {
    const nested = own(permission.fields, key);
    if (nested === undefined) continue;
    const kept = yield* readField(nested, inner, scope);
    if (kept !== OMIT) setOwn(out, key, kept);
  }
  return Object.keys(out).length > 0 ? out : OMIT;
}

/**
 * §7.4: what of `doc` the role lets the user read: the whole document, the readable fields, or undefined (the
 * document is omitted). `scope.root` must be `doc`. The result may share values with `doc`: copy before handing out.
 *
 * FIDELITY: `_id` is returned unless `fields` lists it; a document whose only readable field would be `_id` is
 * omitted (the docs only say unreadable fields and documents are left out).
 */
export function* readableView(role: RuleRole, doc: Doc, scope: ExpressionScope): Step<Doc | undefined> {
  if (!(yield* passesReadFilter(role, scope))) return undefined;
  const read = yield* ruleStep(role.read, scope);
  if (read === true || (yield* isTrue(role.write, scope))) return doc;
  if (read === false) return undefined;
  const out: Doc = {};
  let readable = 0;
  for (const [key, value] of Object.entries(doc)) {
    const permission = own(role.fields, key);
    let kept: unknown = OMIT;
    if (permission !== undefined) {
      kept = yield* readField(permission, value, scope);
    } else if (key === "_id") {
      kept = value;
    } else {
      const extra = role.additional_fields;
      if (
        extra !== undefined &&
        ((yield* isTrueOfField(extra.read, scope, value)) ||
          (yield* isTrueOfField(extra.write, scope, value)))
      ) {
        kept = value;
      }
    }
    if (kept === OMIT) continue;
    setOwn(out, key, kept);
    if (key !== "_id") readable += 1;
  }
  return readable > 0 ? out : undefined;
}

/** The paths (segments) where two documents differ, down through embedded documents; `_id` is never one. */
export function modifiedPaths(before: unknown, after: unknown, prefix: string[] = []): string[][] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[][] = [];
    for (const key of keys) {
      if (prefix.length === 0 && key === "_id") continue;
      const inBefore = Object.hasOwn(before, key);
      const inAfter = Object.hasOwn(after, key);
      if (inBefore && inAfter) out.push(...modifiedPaths(before[key], after[key], [...prefix, key]));
      else out.push([...prefix, key]);
    }
    return out;
  }
  return sameValue(before, after) ? [] : [prefix];
}

/** §7.5 D for one modified path: the nearest listed permission with `write` true covers it. */
function* mayWriteField(role: RuleRole, path: readonly string[], scope: ExpressionScope): Step<boolean> {
  const [top = ""] = path;
  let permission = own(role.fields, top);
  if (permission === undefined) {
    const fieldScope = { ...scope, this: getPath(scope.root, [top]), prev: getPath(scope.prevRoot, [top]) };
    return yield* isTrue(role.additional_fields?.write, fieldScope);
  }
  for (let depth = 1; permission !== undefined; depth++) {
    const at = path.slice(0, depth);
    const fieldScope = { ...scope, this: getPath(scope.root, at), prev: getPath(scope.prevRoot, at) };
    if (yield* isTrue(permission.write, fieldScope)) return true;
    const next = path[depth];
    permission = next === undefined ? undefined : own(permission.fields, next);
  }
  return false;
}

export type WriteKind = "insert" | "update" | "delete";

/**
 * §7.5: may the role make this write? `scope.root` is the document after (before, for a delete) and
 * `scope.prevRoot` the document before (absent for an insert).
 *
 * FIDELITY: `insert` and `delete` default to true and are checked only once write access to every field the
 * document holds is established (top-level `write`, or field-level `write` for each field), following the table
 * rather than the flowchart (§11.4). On insert, `_id` needs no field permission.
 */
export function* mayWrite(role: RuleRole, kind: WriteKind, scope: ExpressionScope): Step<boolean> {
  const filters = role.document_filters;
  if (filters !== undefined && !(yield* isTrue(filters.write, scope))) return false;
  const write = yield* ruleStep(role.write, scope);
  if (write === false) return false;
  if (write !== true) {
    const paths =
      kind === "update"
        ? modifiedPaths(scope.prevRoot, scope.root)
        : Object.keys(isPlainObject(scope.root) ? scope.root : {})
            .filter((key) => key !== "_id")
            .map((key) => [key]);
    for (const path of paths) {
      if (!(yield* mayWriteField(role, path, scope))) return false;
    }
  }
  if (kind === "insert") return (yield* ruleStep(role.insert, scope)) !== false;
  if (kind === "delete") return (yield* ruleStep(role.delete, scope)) !== false;
  return true;
}

/** A deep copy of a readable view (views share values with stored documents). */
export const copyView = (view: Doc): Doc => cloneValue(view);
