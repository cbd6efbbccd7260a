import type { Logger } from "../logger.js";
import { isPlainObject, type Namespace } from "../mongodb/index.js";
import {
  bsonTypeOf,
  type FieldModel,
  type ObjectModel,
  objectModel,
  objectModels,
  type RelationShape,
  schemaError,
} from "./model.js";
import { collectionNames, typeNameOf } from "./naming.js";
import type { CollectionSchema, Relationship } from "./types.js";

/** One collection exposed through the API: where it lives, its names and its document type. */
export interface CollectionModel {
  readonly ns: Namespace;
  /** `service/db/collection`, as relationship refs name it. */
  readonly key: string;
  readonly type: ObjectModel;
  readonly singular: string;
  readonly plural: string;
}

const REF = /^#\/relationship\/([^/]+)\/([^/]+)\/([^/]+)$/;

export const nsKey = (ns: Namespace): string => `${ns.service}/${ns.database}/${ns.collection}`;

const hasProperties = (schema: Readonly<Record<string, unknown>>): boolean =>
  isPlainObject(schema.properties) && Object.keys(schema.properties).length > 0;

function relationField(field: FieldModel, relation: unknown, where: string): FieldModel {
  if (!isPlainObject(relation)) throw schemaError(where, "a relationship must be an object");
  const { ref, foreign_key: foreignKey, is_list: isList } = relation as Partial<Relationship>;
  const target = typeof ref === "string" ? REF.exec(ref) : null;
  if (!target) throw schemaError(where, `ref must look like "#/relationship/<service>/<db>/<collection>"`);
  if (typeof foreignKey !== "string" || foreignKey === "") {
    throw schemaError(where, "foreign_key must be a field name");
  }
  if (typeof isList !== "boolean") throw schemaError(where, "is_list must be a boolean");
  const source = field.shape.kind === "array" ? field.shape.items : field.shape;
  if (source.kind !== "scalar") throw schemaError(where, "the source field must hold scalar values");
  const shape: RelationShape = {
    kind: "relation",
    target: `${target[1]}/${target[2]}/${target[3]}`,
    foreignKey,
    isList,
    source,
  };
  return { ...field, shape };
}

function withRelationships(schema: CollectionSchema, type: ObjectModel, where: string): ObjectModel {
  const relationships = schema.relationships ?? {};
  if (!isPlainObject(relationships)) throw schemaError(where, "relationships must be an object");
  const fields = [...type.fields];
  for (const [source, relation] of Object.entries(relationships)) {
    const at = `${where} relationship "${source}"`;
    const index = fields.findIndex((f) => f.key === source);
    const field = fields[index];
    if (field === undefined) {
      throw schemaError(at, "the source field is not a top-level field of the schema with a GraphQL type");
    }
    fields[index] = relationField(field, relation, at);
  }
  return { ...type, fields };
}

/** The models of every collection with a schema; a collection without one is left out with a warning. */
export function collectionModels(
  schemas: readonly CollectionSchema[],
  naturalPlurals: boolean,
  logger: Logger,
): CollectionModel[] {
  const models: CollectionModel[] = [];
  for (const entry of schemas) {
    const { service, database, collection, schema } = entry;
    if ([service, database, collection].some((s) => typeof s !== "string" || s === "")) {
      throw schemaError("schemas[]", "service, database and collection must be non-empty strings");
    }
    const where = `${database}.${collection}`;
    if (!isPlainObject(schema)) throw schemaError(where, "the schema must be an object");
    if (!hasProperties(schema)) {
      logger.warn(
        `Collection ${where} (${service}) has no schema properties; it is left out of the GraphQL API. ` +
          "Define its schema.json (or createMockApp({ schemas })) to expose it.",
      );
      continue;
    }
    const root = bsonTypeOf(schema, where);
    if (root !== undefined && root !== "object") throw schemaError(where, `bsonType must be "object"`);
    const title = typeof schema.title === "string" && schema.title !== "" ? schema.title : collection;
    const type = withRelationships(entry, objectModel(schema, typeNameOf(title), where), where);
    if (type.fields.length === 0) {
      logger.warn(
        `Collection ${where} (${service}) has no field with a GraphQL type; it is left out of the API.`,
      );
      continue;
    }
    const names = collectionNames(type.name, naturalPlurals);
    const ns = { service, database, collection };
    models.push({ ns, key: nsKey(ns), type, singular: names.singular, plural: names.plural });
  }
  checkModels(models);
  return models;
}

/** Relationship targets exist; type, query and mutation names are unique. */
function checkModels(models: readonly CollectionModel[]): void {
  const keys = new Set(models.map((m) => m.key));
  const roots = new Map(models.map((m) => [m.type.name, m]));
  for (const model of models) {
    const where = `${model.ns.database}.${model.ns.collection}`;
    if (models.some((m) => m !== model && m.key === model.key)) {
      throw schemaError(where, "the collection has two schemas");
    }
    for (const field of model.type.fields) {
      if (field.shape.kind === "relation" && !keys.has(field.shape.target)) {
        throw schemaError(
          `${where}.${field.key}`,
          `the relationship's collection ${field.shape.target} has no schema, so it has no GraphQL type`,
        );
      }
    }
    // Embedded types of the same name are built once (the first wins); a document type must be unique.
    for (const type of objectModels(model.type)) {
      const root = roots.get(type.name);
      if (root !== undefined && root.type !== type) {
        throw schemaError(where, `the GraphQL type name "${type.name}" is also the type of ${root.key}`);
      }
    }
    for (const other of models) {
      if (other !== model && (other.singular === model.plural || other.plural === model.plural)) {
        throw schemaError(where, `the query name "${model.plural}" is also generated for another collection`);
      }
    }
  }
}
