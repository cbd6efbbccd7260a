/**
 * The commonest `apply_when` shapes, prepared once per request instead of evaluated per document: `{}`, field
 * equalities (`{ "owner_id": "%%user.id" }`) and conditions on the user, values or environment
 * (`{ "%%user.custom_data.isAdmin": true }`). Each key is then one path read and one `ruleEquals`, with the same
 * result as the general evaluator (`ruleStep`), which every other shape still goes through.
 */
import { isPlainObject } from "../mongodb/index.js";
import { type ExpressionScope, expand, isExpansion, isOperator, ruleEquals } from "./expression.js";
import { getPath, segments } from "./paths.js";

/** Whether a role applies to a document; undefined means "use the general evaluator". */
export type DocumentTest = (doc: unknown) => boolean;

/** Expansion roots that read the document (or a field of it): these cannot be resolved before the document is known. */
const DOCUMENT_ROOTS: ReadonlySet<string> = new Set(["root", "prevRoot", "this", "prev"]);

const readsDocument = (expansion: string): boolean =>
  DOCUMENT_ROOTS.has(segments(expansion.slice(2))[0] ?? "");

/**
 * `value` as `matchValue` would compare it, when that needs no document and no evaluation beyond one expansion:
 * a scalar, or an expansion of the user, values, environment or request. `NOT_SIMPLE` otherwise.
 */
const NOT_SIMPLE = Symbol("not simple");
function simpleExpected(spec: unknown, scope: ExpressionScope): unknown {
  if (isPlainObject(spec) || Array.isArray(spec)) return NOT_SIMPLE;
  if (typeof spec !== "string" || !isExpansion(spec)) return spec;
  return readsDocument(spec) ? NOT_SIMPLE : expand(spec, scope);
}

/**
 * The test of `apply_when` for documents of one request (`scope` without `root`), or undefined when the expression
 * has another shape. A role without `apply_when` applies (as `{}`).
 */
export function prepareApplyWhen(expression: unknown, scope: ExpressionScope): DocumentTest | undefined {
  try {
    return prepare(expression, scope);
  } catch {
    // A lookup that throws (`context.values.get` in a function guard) is left to the general evaluator, per document.
    return undefined;
  }
}

function prepare(expression: unknown, scope: ExpressionScope): DocumentTest | undefined {
  if (expression === undefined) return () => true;
  if (typeof expression === "boolean") return () => expression;
  if (!isPlainObject(expression)) return undefined;
  const fields: [readonly string[], unknown][] = [];
  for (const [key, spec] of Object.entries(expression)) {
    const expected = simpleExpected(spec, scope);
    if (expected === NOT_SIMPLE) return undefined;
    if (isExpansion(key)) {
      if (readsDocument(key)) return undefined;
      // A condition outside the document: the same for every document of the request.
      if (!ruleEquals(expand(key, scope), expected)) return () => false;
    } else if (isOperator(key)) {
      return undefined;
    } else {
      fields.push([segments(key), expected]);
    }
  }
  if (fields.length === 0) return () => true;
  return (doc) => {
    for (const [path, expected] of fields) if (!ruleEquals(getPath(doc, path), expected)) return false;
    return true;
  };
}
