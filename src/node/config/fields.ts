import { kitMessage } from "../../logger.js";

/** A problem in an app's configuration, naming the file and the field (`auth/providers.json: custom-token.config.signingAlgorithm: …`). */
export class AppConfigError extends Error {
  override readonly name = "AppConfigError";
  readonly file: string;
  readonly field: string;

  constructor(file: string, field: string, reason: string) {
    super(kitMessage(`${file}: ${field === "" ? "" : `${field}: `}${reason}`));
    this.file = file;
    this.field = field;
  }
}

/** Where a value sits: a file and a dotted path inside it. */
export interface Where {
  readonly file: string;
  readonly field: string;
}

export const at = (where: Where, key: string | number): Where => ({
  file: where.file,
  field:
    typeof key === "number" ? `${where.field}[${key}]` : where.field === "" ? key : `${where.field}.${key}`,
});

const kind = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;

export const fail = (where: Where, reason: string): never => {
  throw new AppConfigError(where.file, where.field, reason);
};

export type JsonObject = Readonly<Record<string, unknown>>;

/**
 * Sets an own property whatever the key: names read from an app's files (`"__proto__"` included) never reach
 * `Object.prototype` or change an object's prototype.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function object(value: unknown, where: Where): JsonObject {
  if (!isObject(value)) fail(where, `expected an object, got ${kind(value)}`);
  return value as JsonObject;
}

export function array(value: unknown, where: Where): readonly unknown[] {
  if (!Array.isArray(value)) fail(where, `expected an array, got ${kind(value)}`);
  return value as unknown[];
}

/** An own field of a config object (never one inherited from `Object.prototype`). */
export const field = (source: JsonObject, key: string): unknown =>
  Object.hasOwn(source, key) ? source[key] : undefined;

export function string(source: JsonObject, key: string, where: Where): string {
  const value = field(source, key);
  if (typeof value !== "string" || value === "")
    fail(at(where, key), `expected a non-empty string, got ${kind(value)}`);
  return value as string;
}

export function optionalString(source: JsonObject, key: string, where: Where): string | undefined {
  const value = field(source, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") fail(at(where, key), `expected a string, got ${kind(value)}`);
  return value as string;
}

export function optionalBoolean(source: JsonObject, key: string, where: Where): boolean | undefined {
  const value = field(source, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") fail(at(where, key), `expected true or false, got ${kind(value)}`);
  return value as boolean;
}

export function optionalObject(source: JsonObject, key: string, where: Where): JsonObject | undefined {
  const value = field(source, key);
  return value === undefined || value === null ? undefined : object(value, at(where, key));
}

export function optionalArray(source: JsonObject, key: string, where: Where): readonly unknown[] {
  const value = field(source, key);
  return value === undefined || value === null ? [] : array(value, at(where, key));
}

export function stringArray(source: JsonObject, key: string, where: Where): string[] {
  return optionalArray(source, key, where).map((item, i) => {
    if (typeof item !== "string") fail(at(at(where, key), i), `expected a string, got ${kind(item)}`);
    return item as string;
  });
}

/** Parses JSON text, naming the file on a syntax error. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail({ file, field: "" }, `invalid JSON: ${(error as Error).message}`);
  }
}
