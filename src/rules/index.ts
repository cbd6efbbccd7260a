/**
 * Collection rules of the MongoDB service (app-config.md §7.2–7.7), usable by any engine that reads or writes
 * documents for a user: the wire MongoDB service, functions running as a user, watch streams, and GraphQL.
 *
 * The seam is one object per (request, collection):
 *
 * ```ts
 * const rules = rulesFor(runtime, { service, database, collection }, { user, request });
 * if (rules === undefined) { ...no rules on this data source: everything allowed... }
 * const query = { $and: [clientQuery, (await rules.queryFilter()) ?? {}] };  // filters' queries
 * const visible = await rules.filterRead(matches);      // readable views, filter projection applied
 * const targets = await rules.writable(matches);        // documents a write may touch
 * await rules.checkInsert(doc);                         // throws `insert not permitted`
 * await rules.checkUpdate(before, after);               // throws `update not permitted`
 * await rules.checkDelete(doc);                         // throws `delete not permitted`
 * ```
 *
 * `rulesFor` throws NoMatchingRuleFound for a namespace with neither collection rules nor a default rule.
 * `runCheckedAction` runs a whole MongoDB service action under rules (what `functions/call` uses), and
 * `evaluateRule` evaluates one expression. System calls and `mock.service(...)` never come here.
 */
export type { CheckedContext, CheckedStore } from "./checked-actions.js";
export { runCheckedAction } from "./checked-actions.js";
export type { CollectionRules, RuleActor, RuleFunctionRunner, RulesEnvironment } from "./engine.js";
export { RulesEngine, rulesFor } from "./engine.js";
export type { ExpressionScope, RuleFunctionCaller } from "./expression.js";
export { evaluateRule } from "./expression.js";
export { validateRules } from "./validate.js";
