/** `createMockApp({ rules })` is checked up front; every problem names its path inside the option. */
import { kitMessage } from "../logger.js";
import { isPlainObject } from "../mongodb/index.js";
import {
  EXPANSIONS,
  isExpansion,
  isOperator,
  LOGICAL_OPERATORS,
  operatorName,
  QUERY_OPERATORS,
  VALUE_OPERATORS,
} from "./expression.js";
import { hasForbiddenSegment, isForbiddenKey } from "./paths.js";

class RulesError extends Error {}

const fail = (path: string, problem: string): never => {
  throw new RulesError(`${path}: ${problem}`);
};

/** `rules.x`, or `rules["mongodb-atlas"]` for keys that are not identifiers. */
const at = (path: string, key: string | number): string =>
  typeof key === "number"
    ? `${path}[${key}]`
    : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !isForbiddenKey(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`;

function objectAt(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) return fail(path, "must be an object");
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      fail(at(path, key), `unknown setting (expected one of ${allowed.join(", ")})`);
  }
  return value;
}

function arrayAt(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) return fail(path, "must be an array");
  return value;
}

function nameAt(value: unknown, path: string): string {
  if (typeof value !== "string" || value === "") return fail(path, "must be a non-empty string");
  return value;
}

/** Keys of documents written in rules (field names, query fields) may not reach a prototype. */
function checkKey(key: string, path: string): void {
  if (isForbiddenKey(key) || hasForbiddenSegment(key)) fail(at(path, key), "this key is not allowed");
}

interface ExpressionOptions {
  /** False in filters' apply_when: `%%root`, `%%prevRoot`, `%%this` and `%%prev` are not allowed there. */
  documents: boolean;
}

const DOCUMENT_EXPANSIONS = new Set(["root", "prevRoot", "this", "prev"]);

function checkExpansion(expansion: string, path: string, options: ExpressionOptions): void {
  if (hasForbiddenSegment(expansion.slice(2))) fail(path, `"${expansion}" is not allowed`);
  const [root = ""] = expansion.slice(2).split(".");
  if (!EXPANSIONS.has(root)) fail(path, `unknown expansion "${expansion}"`);
  if (!options.documents && DOCUMENT_EXPANSIONS.has(root)) {
    fail(path, `"${expansion}" is not available here (filters see no document)`);
  }
}

/** Any value inside an expression: expansion strings, operator documents, nested expressions, literals. */
function checkValue(value: unknown, path: string, options: ExpressionOptions): void {
  if (typeof value === "string") {
    if (isExpansion(value)) checkExpansion(value, path, options);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkValue(item, at(path, index), options);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const here = at(path, key);
    checkKey(key, path);
    if (isExpansion(key)) {
      checkExpansion(key, here, options);
    } else if (isOperator(key)) {
      const name = operatorName(key);
      if (!LOGICAL_OPERATORS.has(name) && !VALUE_OPERATORS.has(name) && !QUERY_OPERATORS.has(name)) {
        fail(here, `unknown operator "${key}"`);
      }
      if (name === "function") {
        const call = objectAt(item, here, ["name", "arguments"]);
        nameAt(call.name, at(here, "name"));
        if (call.arguments !== undefined) arrayAt(call.arguments, at(here, "arguments"));
      }
    }
    checkValue(item, here, options);
  }
}

function checkExpression(
  value: unknown,
  path: string,
  options: ExpressionOptions = { documents: true },
): void {
  if (value === undefined || typeof value === "boolean") return;
  if (!isPlainObject(value)) fail(path, "must be a boolean or an expression object");
  checkValue(value, path, options);
}

function checkFields(value: unknown, path: string): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) fail(path, "must be an object");
  for (const [field, permission] of Object.entries(value as Record<string, unknown>)) {
    checkKey(field, path);
    const here = at(path, field);
    const entry = objectAt(permission, here, ["read", "write", "fields"]);
    checkExpression(entry.read, at(here, "read"));
    checkExpression(entry.write, at(here, "write"));
    checkFields(entry.fields, at(here, "fields"));
  }
}

const ROLE_KEYS = [
  "name",
  "apply_when",
  "document_filters",
  "read",
  "write",
  "insert",
  "delete",
  "search",
  "fields",
  "additional_fields",
] as const;

function checkRoles(value: unknown, path: string): void {
  if (value === undefined) return;
  const names = new Set<string>();
  arrayAt(value, path).forEach((item, index) => {
    const here = at(path, index);
    const role = objectAt(item, here, ROLE_KEYS);
    const name = nameAt(role.name, at(here, "name"));
    if (names.has(name)) fail(at(here, "name"), `a role named "${name}" is already defined`);
    names.add(name);
    for (const key of ["apply_when", "read", "write", "insert", "delete", "search"] as const) {
      checkExpression(role[key], at(here, key));
    }
    for (const key of ["document_filters", "additional_fields"] as const) {
      if (role[key] === undefined) continue;
      const entry = objectAt(role[key], at(here, key), ["read", "write"]);
      checkExpression(entry.read, at(at(here, key), "read"));
      checkExpression(entry.write, at(at(here, key), "write"));
    }
    checkFields(role.fields, at(here, "fields"));
  });
}

function checkFilters(value: unknown, path: string): void {
  if (value === undefined) return;
  arrayAt(value, path).forEach((item, index) => {
    const here = at(path, index);
    const filter = objectAt(item, here, ["name", "apply_when", "query", "projection"]);
    nameAt(filter.name, at(here, "name"));
    checkExpression(filter.apply_when, at(here, "apply_when"), { documents: false });
    if (filter.query !== undefined) {
      if (!isPlainObject(filter.query)) fail(at(here, "query"), "must be an object");
      checkValue(filter.query, at(here, "query"), { documents: false });
    }
    if (filter.projection !== undefined) {
      const projection = objectAt(
        filter.projection,
        at(here, "projection"),
        Object.keys(filter.projection ?? {}),
      );
      for (const [field, flag] of Object.entries(projection)) {
        checkKey(field, at(here, "projection"));
        if (![0, 1, true, false].includes(flag as number | boolean)) {
          fail(at(at(here, "projection"), field), "must be 0, 1, true or false");
        }
      }
    }
  });
}

function checkRuleFile(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  const rule = objectAt(value, path, keys);
  checkRoles(rule.roles, at(path, "roles"));
  checkFilters(rule.filters, at(path, "filters"));
  return rule;
}

/** Throws an Error naming the path of the first problem in `createMockApp({ rules })`. */
export function validateRules(rules: unknown): void {
  if (rules === undefined) return;
  try {
    if (!isPlainObject(rules)) fail("rules", "must be an object of data source names");
    for (const [service, serviceRules] of Object.entries(rules as Record<string, unknown>)) {
      checkKey(service, "rules");
      const path = at("rules", service);
      const entry = objectAt(serviceRules, path, ["defaultRule", "collections"]);
      if (entry.defaultRule !== undefined) {
        checkRuleFile(entry.defaultRule, at(path, "defaultRule"), ["roles", "filters"]);
      }
      if (entry.collections === undefined) continue;
      const seen = new Set<string>();
      arrayAt(entry.collections, at(path, "collections")).forEach((item, index) => {
        const here = at(at(path, "collections"), index);
        const rule = checkRuleFile(item, here, ["database", "collection", "roles", "filters"]);
        const database = nameAt(rule.database, at(here, "database"));
        const collection = nameAt(rule.collection, at(here, "collection"));
        const key = JSON.stringify([database, collection]);
        if (seen.has(key)) fail(here, `a second rule for ${database}.${collection}`);
        seen.add(key);
      });
    }
  } catch (error) {
    if (error instanceof RulesError)
      throw new Error(kitMessage(`Invalid createMockApp({ rules }): ${error.message}`));
    throw error;
  }
}
