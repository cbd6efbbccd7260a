/**
 * The rule expression language (app-config.md §7.7): `true`, `false`, or an object whose keys are expansions
 * (`%%user.id`), operators (`%or`, `$in`, `%function`, …) or field names of the document (`%%root.<name>`).
 * Evaluation is asynchronous because `%function` calls an app function.
 */
import { Binary, ObjectId, UUID } from "bson";
import type { FunctionRequest, FunctionUser } from "../functions/types.js";
import { isPlainObject } from "../mongodb/index.js";
import { loadMingo, mingo } from "../mongodb/mingo.js";
import { getPath, segments } from "./paths.js";
import { runStep, type Step } from "./steps.js";

/** Calls an app function for `%function` (private functions allowed). */
export type RuleFunctionCaller = (name: string, args: unknown[]) => Promise<unknown>;

/** What expansions resolve against. `root`/`prevRoot` are the document after/before, `this`/`prev` a field's. */
export interface ExpressionScope {
  readonly user: FunctionUser;
  /** The app's values, or a lookup by name (`context.values.get` in a function guard). */
  readonly values: Readonly<Record<string, unknown>> | ((name: string) => unknown);
  readonly environment?: { readonly tag: string; readonly values: Readonly<Record<string, unknown>> };
  readonly request?: FunctionRequest | undefined;
  readonly root?: unknown;
  readonly prevRoot?: unknown;
  readonly this?: unknown;
  readonly prev?: unknown;
  readonly callFunction?: RuleFunctionCaller | undefined;
}

/** The expansion roots (`%%<root>.<path>`) the kit knows. */
export const EXPANSIONS: ReadonlySet<string> = new Set([
  "true",
  "false",
  "user",
  "values",
  "environment",
  "request",
  "root",
  "prevRoot",
  "this",
  "prev",
]);

/** Logical operators: the value is an array of expressions (or of specs, inside a field's spec). */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(["and", "or", "nor", "not"]);
/** Operators that turn their argument into a value, compared for equality with the key's value. */
export const VALUE_OPERATORS: ReadonlySet<string> = new Set([
  "function",
  "stringToOid",
  "oidToString",
  "stringToUuid",
  "uuidToString",
]);
/** MongoDB query operators, matched with mingo against the key's value. */
export const QUERY_OPERATORS: ReadonlySet<string> = new Set([
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "nin",
  "exists",
  "type",
  "size",
  "all",
  "elemMatch",
  "regex",
  "options",
  "mod",
]);

export const isExpansion = (key: string): boolean => key.startsWith("%%");
/** `%name` or `$name` (not an expansion). */
export const isOperator = (key: string): boolean =>
  (key.startsWith("%") && !key.startsWith("%%")) || key.startsWith("$");
/** The operator name without its `%` or `$` prefix. */
export const operatorName = (key: string): string => key.slice(1);

const FALSE_ON_THROW = Symbol("rule function threw");

const userViews = new WeakMap<FunctionUser, Record<string, unknown>>();

/** `%%user`, built once per user object (rules evaluate it for every document). */
function userView(user: FunctionUser): Record<string, unknown> {
  let view = userViews.get(user);
  if (view === undefined) {
    view = buildUserView(user);
    userViews.set(user, view);
  }
  return view;
}

function buildUserView(user: FunctionUser): Record<string, unknown> {
  // FIDELITY: the docs name an identity's provider `providerType` in expressions and `provider_type` on the user
  // object; both keys are offered.
  return {
    id: user.id,
    type: user.type,
    data: user.data,
    custom_data: user.custom_data,
    identities: user.identities.map((identity) => ({
      ...identity,
      providerType: identity.provider_type,
    })),
  };
}

/** The value of an expansion string such as `%%user.custom_data.teams`. Unknown roots are `undefined`. */
export function expand(expansion: string, scope: ExpressionScope): unknown {
  const parts = segments(expansion.slice(2));
  const head = parts[0] ?? "";
  let base: unknown;
  switch (head) {
    case "true":
      base = true;
      break;
    case "false":
      base = false;
      break;
    case "user":
      base = userView(scope.user);
      break;
    case "values": {
      if (typeof scope.values !== "function") {
        base = scope.values;
        break;
      }
      if (parts.length < 2) return undefined;
      const value = scope.values(parts[1] ?? "");
      return parts.length > 2 ? getPath(value, parts.slice(2)) : value;
    }
    case "environment":
      base = scope.environment ?? { tag: "", values: {} };
      break;
    case "request":
      base = scope.request;
      break;
    case "root":
      base = scope.root;
      break;
    case "prevRoot":
      base = scope.prevRoot;
      break;
    case "this":
      base = scope.this;
      break;
    case "prev":
      base = scope.prev;
      break;
    default:
      return undefined;
  }
  return parts.length > 1 ? getPath(base, parts.slice(1)) : base;
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === "string" ||
  typeof value === "boolean" ||
  (typeof value === "number" && !Number.isNaN(value));

/** One mingo test of `{ v: <spec> }` against `{ v: value }` (a missing value is a missing field). */
function queryTest(spec: Record<string, unknown>, value: unknown): boolean {
  const { Query } = mingo();
  try {
    return new Query({ v: spec }).test(value === undefined ? {} : { v: value });
  } catch {
    return false;
  }
}

/**
 * Equality as in MongoDB queries, both ways: an array value contains the expected value, an array expected value
 * contains the scalar value (the docs' "manager" example), `null` matches a missing value.
 * FIDELITY: number-type coercion and null-versus-missing follow MongoDB queries (spec §11.3 leaves them open).
 */
export function ruleEquals(value: unknown, expected: unknown): boolean {
  // Two scalars of the same kind (the common case: ids, names, flags) need no query engine.
  if (isScalar(value) && isScalar(expected) && typeof value === typeof expected) return value === expected;
  if (queryTest({ $eq: expected }, value)) return true;
  return (
    Array.isArray(expected) &&
    value !== undefined &&
    !Array.isArray(value) &&
    queryTest({ $in: expected }, value)
  );
}

function* callValueOperator(name: string, arg: unknown, scope: ExpressionScope): Step<unknown> {
  if (name === "function") {
    if (!isPlainObject(arg) || typeof arg.name !== "string") return FALSE_ON_THROW;
    const args = Array.isArray(arg.arguments) ? yield* resolveStep(arg.arguments, scope) : [];
    const call = scope.callFunction;
    if (call === undefined) return FALSE_ON_THROW;
    const target = arg.name;
    // A throwing function makes the expression false (§7.7).
    const pending = Promise.resolve()
      .then(() => call(target, args as unknown[]))
      .catch(() => FALSE_ON_THROW);
    return yield pending;
  }
  const input = yield* resolveStep(arg, scope);
  try {
    switch (name) {
      case "stringToOid":
        return typeof input === "string" ? new ObjectId(input) : FALSE_ON_THROW;
      case "oidToString":
        return hexOf(input) ?? FALSE_ON_THROW;
      case "stringToUuid":
        return typeof input === "string" ? new UUID(input) : FALSE_ON_THROW;
      case "uuidToString":
        return input instanceof Binary && input.sub_type === 4 ? input.toUUID().toString() : FALSE_ON_THROW;
      default:
        return FALSE_ON_THROW;
    }
  } catch {
    return FALSE_ON_THROW;
  }
}

/** The hex string of an ObjectId from bson 7 or from realm-web's bson 4. */
function hexOf(value: unknown): string | undefined {
  if (value instanceof ObjectId) return value.toHexString();
  const candidate = value as { _bsontype?: unknown; toHexString?: () => string } | null;
  if (candidate?._bsontype === "ObjectId" && typeof candidate.toHexString === "function") {
    return candidate.toHexString();
  }
  return undefined;
}

/** A single-operator document `{ "%stringToOid": … }` naming a value operator, or undefined. */
function valueOperatorOf(value: Record<string, unknown>): [string, unknown] | undefined {
  const keys = Object.keys(value);
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !isOperator(key)) return undefined;
  const name = operatorName(key);
  return VALUE_OPERATORS.has(name) ? [name, value[key]] : undefined;
}

/** Replaces expansions and value operators inside a literal (arrays, documents, query operator arguments). */
function* resolveStep(value: unknown, scope: ExpressionScope): Step<unknown> {
  if (typeof value === "string") return isExpansion(value) ? expand(value, scope) : value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(yield* resolveStep(item, scope));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const op = valueOperatorOf(value);
  if (op !== undefined) {
    const result = yield* callValueOperator(op[0], op[1], scope);
    return result === FALSE_ON_THROW ? undefined : result;
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const resolved = yield* resolveStep(item, scope);
    Object.defineProperty(out, key, { value: resolved, enumerable: true, writable: true });
  }
  return out;
}

/** `resolveStep`, run. */
export async function resolve(value: unknown, scope: ExpressionScope): Promise<unknown> {
  return runStep(resolveStep(value, scope));
}

const isOperatorDocument = (spec: Record<string, unknown>): boolean => {
  const keys = Object.keys(spec);
  return keys.length > 0 && keys.every(isOperator);
};

function* matchOperators(
  value: unknown,
  spec: Record<string, unknown>,
  scope: ExpressionScope,
): Step<boolean> {
  const query: Record<string, unknown> = {};
  for (const [key, arg] of Object.entries(spec)) {
    const name = operatorName(key);
    if (LOGICAL_OPERATORS.has(name)) {
      if (!(yield* matchLogical(name, arg, (item) => matchValue(value, item, scope)))) return false;
    } else if (VALUE_OPERATORS.has(name)) {
      const result = yield* callValueOperator(name, arg, scope);
      if (result === FALSE_ON_THROW || !ruleEquals(value, result)) return false;
    } else if (QUERY_OPERATORS.has(name)) {
      query[`$${name}`] = yield* resolveStep(arg, scope);
    } else {
      return false;
    }
  }
  return Object.keys(query).length === 0 || queryTest(query, value);
}

/** `%and`/`%or`/`%nor` over an array, `%not` over one item. */
function* matchLogical(name: string, arg: unknown, test: (item: unknown) => Step<boolean>): Step<boolean> {
  if (name === "not") return !(yield* test(arg));
  if (!Array.isArray(arg)) return false;
  switch (name) {
    case "and":
      for (const item of arg) if (!(yield* test(item))) return false;
      return true;
    case "or":
      for (const item of arg) if (yield* test(item)) return true;
      return false;
    default: // nor
      for (const item of arg) if (yield* test(item)) return false;
      return true;
  }
}

/** Is the key's `value` accepted by `spec` (a literal, an expansion, an operator document or a nested expression)? */
function* matchValue(value: unknown, spec: unknown, scope: ExpressionScope): Step<boolean> {
  if (isPlainObject(spec)) {
    if (isOperatorDocument(spec)) return yield* matchOperators(value, spec, scope);
    // FIDELITY: a plain document as the value is a nested expression over the key's value (its field names are
    // paths inside that value), not a whole-document equality.
    return yield* evaluateObject(spec, scope, value);
  }
  // Scalars other than expansion strings need no resolving (`{ "%%user.custom_data.isAdmin": true }`).
  const expected = typeof spec === "string" || Array.isArray(spec) ? yield* resolveStep(spec, scope) : spec;
  return ruleEquals(value, expected);
}

function* evaluateObject(
  expression: Record<string, unknown>,
  scope: ExpressionScope,
  base: unknown,
): Step<boolean> {
  for (const [key, spec] of Object.entries(expression)) {
    let ok: boolean;
    if (isExpansion(key)) {
      ok = yield* matchValue(expand(key, scope), spec, scope);
    } else if (isOperator(key)) {
      const name = operatorName(key);
      ok =
        LOGICAL_OPERATORS.has(name) &&
        (yield* matchLogical(name, spec, (item) => evaluateWithBase(item, scope, base)));
    } else {
      ok = yield* matchValue(getPath(base, segments(key)), spec, scope);
    }
    if (!ok) return false;
  }
  return true;
}

function* evaluateWithBase(expression: unknown, scope: ExpressionScope, base: unknown): Step<boolean> {
  if (typeof expression === "boolean") return expression;
  if (!isPlainObject(expression)) return false;
  return yield* evaluateObject(expression, scope, base);
}

/**
 * Evaluates a rule expression, as a step (see `steps.ts`). `undefined` stays `undefined` (the flowcharts treat
 * "not set" apart from false); anything else becomes a boolean. Plain field names are paths in `scope.root`.
 */
export function* ruleStep(expression: unknown, scope: ExpressionScope): Step<boolean | undefined> {
  if (expression === undefined) return undefined;
  return yield* evaluateWithBase(expression, scope, scope.root);
}

/** `ruleStep`, run. */
export async function evaluateRule(
  expression: unknown,
  scope: ExpressionScope,
): Promise<boolean | undefined> {
  await loadMingo();
  return runStep(ruleStep(expression, scope));
}
