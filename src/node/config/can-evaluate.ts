// `can_evaluate` of a function: a rule expression over the calling user, values, environment and request
// (../shared/spec/app-config.md §6.1, §7.7). Only what a function's guard can see is supported: no document.
import type { FunctionContext } from "../../functions/types.js";
import { sameValue } from "../../mongodb/clone.js";
import { isObject } from "./fields.js";

type Scope = Readonly<Record<string, unknown>>;
type Evaluate = (expression: unknown) => Promise<boolean>;

const pathOf = (value: unknown, path: readonly string[]): unknown => {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
};

/** `%%user.id`, `%%values.adminIds`, `%%environment.tag`, … against the call's scope. */
const expand = (text: string, scope: Scope): unknown => {
  if (text === "%%true") return true;
  if (text === "%%false") return false;
  const [root = "", ...rest] = text.slice(2).split(".");
  if (root === "values")
    return rest.length === 0
      ? undefined
      : pathOf((scope.values as (n: string) => unknown)(rest[0] ?? ""), rest.slice(1));
  return Object.hasOwn(scope, root) ? pathOf(scope[root], rest) : undefined;
};

const resolveValue = (value: unknown, scope: Scope): unknown =>
  typeof value === "string" && value.startsWith("%%") ? expand(value, scope) : value;

/** MongoDB-like equality both ways: an array on either side matches when it contains the other value. */
const equalish = (a: unknown, b: unknown): boolean =>
  sameValue(a, b) ||
  (Array.isArray(a) && !Array.isArray(b) && a.some((x) => sameValue(x, b))) ||
  (Array.isArray(b) && !Array.isArray(a) && b.some((x) => sameValue(a, x)));

const compare = (a: unknown, b: unknown): number | undefined =>
  (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string")
    ? a < b
      ? -1
      : a > b
        ? 1
        : 0
    : undefined;

async function matches(actual: unknown, spec: unknown, scope: Scope, evaluate: Evaluate): Promise<boolean> {
  if (!isObject(spec) || !Object.keys(spec).some((k) => k.startsWith("$") || k.startsWith("%"))) {
    return equalish(actual, resolveValue(spec, scope));
  }
  for (const [op, raw] of Object.entries(spec)) {
    const operand = resolveValue(raw, scope);
    const name = op.replace(/^[%$]/, "");
    const order = compare(actual, operand);
    let ok: boolean;
    if (name === "in") ok = Array.isArray(operand) && operand.some((x) => equalish(actual, x));
    else if (name === "nin") ok = !(Array.isArray(operand) && operand.some((x) => equalish(actual, x)));
    else if (name === "eq") ok = equalish(actual, operand);
    else if (name === "ne") ok = !equalish(actual, operand);
    else if (name === "exists") ok = (actual !== undefined) === Boolean(operand);
    else if (name === "gt") ok = order !== undefined && order > 0;
    else if (name === "gte") ok = order !== undefined && order >= 0;
    else if (name === "lt") ok = order !== undefined && order < 0;
    else if (name === "lte") ok = order !== undefined && order <= 0;
    else if (name === "function") ok = equalish(actual, await callFunction(raw, scope));
    else ok = await evaluate({ [op]: raw });
    if (!ok) return false;
  }
  return true;
}

async function callFunction(spec: unknown, scope: Scope): Promise<unknown> {
  if (!isObject(spec) || typeof spec.name !== "string") return undefined;
  const args = Array.isArray(spec.arguments) ? spec.arguments.map((a) => resolveValue(a, scope)) : [];
  return (scope.execute as (name: string, args: unknown[]) => Promise<unknown>)(spec.name, args);
}

/**
 * Turns a `can_evaluate` expression into the kit's `canEvaluate` check (undefined for `{}`, which allows every
 * call). A `%function` that throws makes the expression false.
 *
 * FIDELITY: plain field names (no `%%`) have no document to refer to in a function guard and are false; argument
 * expansions are not supported (the spec leaves them unconfirmed).
 */
export function canEvaluateCheck(
  expression: unknown,
): ((context: FunctionContext, args: readonly unknown[]) => Promise<boolean>) | undefined {
  if (expression === undefined || expression === null || expression === true) return undefined;
  if (isObject(expression) && Object.keys(expression).length === 0) return undefined;
  return async (context) => {
    const scope: Scope = {
      user: context.user,
      values: (name: string) => context.values.get(name),
      environment: context.environment,
      request: context.request,
      execute: (name: string, args: unknown[]) => context.functions.execute(name, ...args),
    };
    const evaluate: Evaluate = async (expr) => {
      if (typeof expr === "boolean") return expr;
      if (!isObject(expr)) return false;
      for (const [key, spec] of Object.entries(expr)) {
        let ok: boolean;
        if (key === "%and") ok = Array.isArray(spec) && (await all(spec, evaluate));
        else if (key === "%or") ok = Array.isArray(spec) && (await any(spec, evaluate));
        else if (key === "%nor") ok = Array.isArray(spec) && !(await any(spec, evaluate));
        else if (key === "%not") ok = !(await evaluate(spec));
        else if (key.startsWith("%%")) ok = await matches(expand(key, scope), spec, scope, evaluate);
        else ok = false;
        if (!ok) return false;
      }
      return true;
    };
    return evaluate(expression);
  };
}

async function all(items: readonly unknown[], evaluate: Evaluate): Promise<boolean> {
  for (const item of items) if (!(await evaluate(item))) return false;
  return true;
}

async function any(items: readonly unknown[], evaluate: Evaluate): Promise<boolean> {
  for (const item of items) if (await evaluate(item)) return true;
  return false;
}
