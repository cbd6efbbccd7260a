// `can_evaluate` of a function: a rule expression over the calling user, values, environment and request
// (../shared/spec/app-config.md §6.1, §7.7), evaluated by the same expression engine as collection rules.
import type { FunctionContext } from "../../functions/types.js";
import { evaluateRule } from "../../rules/expression.js";
import { isObject } from "./fields.js";

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
  return async (context) =>
    (await evaluateRule(expression, {
      user: context.user,
      values: (name) => context.values.get(name),
      environment: context.environment,
      request: context.request,
      callFunction: (name, args) => context.functions.execute(name, ...args),
    })) === true;
}
