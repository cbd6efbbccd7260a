import { AppServicesError } from "../errors.js";

/** Splits a claim path on dots; `\.` is a literal dot. */
export function claimPath(name: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === "\\" && name[i + 1] === ".") {
      current += ".";
      i++;
    } else if (ch === ".") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** The value at a claim path, or undefined. */
export function readClaim(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  let value: unknown = claims;
  for (const part of claimPath(name)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export interface FieldSpec {
  readonly name: string;
  readonly fieldName?: string;
  readonly required?: boolean;
}

/**
 * Copies configured claims into user data (`fieldName`, default the last path segment). A missing required claim
 * fails the login.
 */
export function mapMetadata(
  claims: Readonly<Record<string, unknown>>,
  fields: readonly FieldSpec[],
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = readClaim(claims, field.name);
    if (value === undefined || value === null) {
      // FIDELITY: the real wording for a missing required metadata field is unconfirmed.
      if (field.required)
        throw new AppServicesError("AuthError", `required metadata field '${field.name}' is missing`);
      continue;
    }
    data[field.fieldName ?? claimPath(field.name).at(-1) ?? field.name] = value;
  }
  return data;
}
