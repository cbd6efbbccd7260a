import { kitMessage } from "../logger.js";
import { isPlainObject } from "../mongodb/index.js";
import { graphqlFieldName, nestedTypeName } from "./naming.js";

// The shape of a document type, read from a JSON schema with `bsonType` (../shared/spec/graphql-api.md §2).

/** The GraphQL scalars documents map to. */
export type ScalarName = "ObjectId" | "String" | "Boolean" | "Int" | "Long" | "Float" | "DateTime";

/** BSON types with a GraphQL equivalent; anything else (binData, regex, mixed, …) is left out of the type. */
const SCALARS: Readonly<Record<string, ScalarName>> = {
  objectId: "ObjectId",
  string: "String",
  bool: "Boolean",
  boolean: "Boolean",
  int: "Int",
  integer: "Int",
  long: "Long",
  double: "Float",
  number: "Float",
  // FIDELITY: decimal maps to Float as the App Services docs say (no real schema shows it); values are stored as
  // Decimal128 and read back as the nearest double.
  decimal: "Float",
  date: "DateTime",
  timestamp: "DateTime",
};

export interface ScalarShape {
  readonly kind: "scalar";
  readonly scalar: ScalarName;
  readonly bsonType: string;
}

export interface ObjectShape {
  readonly kind: "object";
  readonly type: ObjectModel;
}

export type ItemShape = ScalarShape | ObjectShape;

export interface ArrayShape {
  readonly kind: "array";
  readonly items: ItemShape;
}

/** A relationship (`relationships.json`): resolved to documents of another collection. */
export interface RelationShape {
  readonly kind: "relation";
  /** `service/db/collection` of the foreign collection. */
  readonly target: string;
  readonly foreignKey: string;
  readonly isList: boolean;
  /** The scalar the source field stores (the type of `link` values). */
  readonly source: ScalarShape;
}

export type FieldShape = ScalarShape | ObjectShape | ArrayShape | RelationShape;

export interface FieldModel {
  /** GraphQL name. */
  readonly name: string;
  /** Stored key. */
  readonly key: string;
  readonly required: boolean;
  readonly shape: FieldShape;
}

export interface ObjectModel {
  readonly name: string;
  readonly fields: readonly FieldModel[];
}

/** Thrown for a schema the API cannot be built from; names where the problem is. */
export function schemaError(where: string, problem: string): Error {
  return new Error(kitMessage(`Invalid GraphQL schema at ${where}: ${problem}.`));
}

/** The declared BSON type of a (sub)schema: `bsonType` (first non-null of a list), else JSON Schema `type`. */
export function bsonTypeOf(schema: Readonly<Record<string, unknown>>, where: string): string | undefined {
  const declared = schema.bsonType ?? schema.type;
  const names = Array.isArray(declared) ? declared : [declared];
  for (const name of names) {
    if (name === undefined || name === "null") continue;
    if (typeof name !== "string") throw schemaError(where, "bsonType must be a string or a list of strings");
    return name;
  }
  return undefined;
}

/** The scalar shape of a BSON type name, or undefined when it has no GraphQL scalar. */
export function scalarShape(bsonType: string | undefined): ScalarShape | undefined {
  if (bsonType === undefined || !Object.hasOwn(SCALARS, bsonType)) return undefined;
  const scalar = SCALARS[bsonType];
  return scalar === undefined ? undefined : { kind: "scalar", scalar, bsonType };
}

function requiredList(schema: Readonly<Record<string, unknown>>, where: string): ReadonlySet<string> {
  const { required } = schema;
  if (required === undefined) return new Set();
  if (!Array.isArray(required) || !required.every((r) => typeof r === "string")) {
    throw schemaError(where, "required must be a list of field names");
  }
  return new Set(required);
}

/** A field's shape, or undefined when it has no GraphQL equivalent (the field is left out). */
function shapeOf(
  schema: unknown,
  owner: string,
  key: string,
  where: string,
  item: boolean,
): FieldShape | undefined {
  if (!isPlainObject(schema)) throw schemaError(where, "a field's schema must be an object");
  const bsonType = bsonTypeOf(schema, where);
  if (bsonType === "object") {
    if (schema.properties === undefined) return undefined;
    const name = typeof schema.title === "string" ? schema.title : nestedTypeName(owner, key);
    const type = objectModel(schema, name, where);
    return type.fields.length > 0 ? { kind: "object", type } : undefined;
  }
  if (bsonType === "array") {
    if (item) return undefined; // GraphQL arrays of arrays are not generated.
    if (schema.items === undefined) return undefined;
    const items = shapeOf(schema.items, owner, key, `${where}.items`, true);
    return items === undefined || items.kind === "array" || items.kind === "relation"
      ? undefined
      : { kind: "array", items };
  }
  return scalarShape(bsonType);
}

/** The object model of a JSON schema with `properties`; `where` names it in errors (`db.coll` + path). */
export function objectModel(
  schema: Readonly<Record<string, unknown>>,
  name: string,
  where: string,
): ObjectModel {
  const { properties } = schema;
  if (properties !== undefined && !isPlainObject(properties)) {
    throw schemaError(where, "properties must be an object");
  }
  const required = requiredList(schema, where);
  const fields: FieldModel[] = [];
  for (const [key, sub] of Object.entries(properties ?? {})) {
    const fieldName = graphqlFieldName(key);
    const at = `${where}.${key}`;
    const shape = shapeOf(sub, name, key, at, false);
    if (fieldName === undefined || shape === undefined) continue;
    if (fields.some((f) => f.name === fieldName)) {
      throw schemaError(at, `two fields map to the GraphQL name "${fieldName}"`);
    }
    fields.push({ name: fieldName, key, required: required.has(key), shape });
  }
  return { name, fields: fields.sort((a, b) => (a.name < b.name ? -1 : 1)) };
}

/** Walks every object model reachable from a root (itself first). */
export function* objectModels(root: ObjectModel): Generator<ObjectModel> {
  yield root;
  for (const field of root.fields) {
    const shape = field.shape.kind === "array" ? field.shape.items : field.shape;
    if (shape.kind === "object") yield* objectModels(shape.type);
  }
}
