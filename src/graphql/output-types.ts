import {
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
} from "graphql";
import { type Doc, idKey, isPlainObject } from "../mongodb/index.js";
import type { CollectionModel } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import type { FieldModel, FieldShape, ItemShape, ObjectModel, RelationShape } from "./model.js";
import { readScalar, SCALAR_TYPES } from "./scalars.js";

/** A field of a stored document or custom payload, without reaching its prototype. */
export const own = (parent: unknown, key: string): unknown =>
  isPlainObject(parent) && Object.hasOwn(parent, key) ? parent[key] : undefined;

function readItem(shape: ItemShape, value: unknown): unknown {
  if (shape.kind === "scalar") return readScalar(shape.scalar, value);
  return isPlainObject(value) ? value : null;
}

/**
 * A stored value as its field's GraphQL type reads it; missing values and values the service left out (fields the
 * user's role may not read) are null.
 *
 * FIDELITY: a hidden field that is `required` (non-null) is a GraphQL error, as graphql-js answers any null in a
 * non-null field; the real server's behaviour there is unconfirmed.
 */
function readValue(shape: Exclude<FieldShape, RelationShape>, value: unknown): unknown {
  if (shape.kind === "array") return Array.isArray(value) ? value.map((v) => readItem(shape.items, v)) : null;
  return readItem(shape, value);
}

/** Extra fields a type gets beyond its schema (custom resolvers on a document type). */
export type ExtraFields = (typeName: string) => GraphQLFieldConfigMap<unknown, GraphqlContext>;

/** The document and embedded object types, built once per name. */
export class OutputTypes {
  readonly #objects = new Map<string, GraphQLObjectType>();
  readonly #models: ReadonlyMap<string, CollectionModel>;
  readonly #extra: ExtraFields;

  constructor(models: ReadonlyMap<string, CollectionModel>, extra: ExtraFields) {
    this.#models = models;
    this.#extra = extra;
  }

  /** The collection a relationship points to (checked when the models were read). */
  target(shape: RelationShape): CollectionModel {
    const model = this.#models.get(shape.target);
    if (!model) throw new Error(`unknown relationship target ${shape.target}`);
    return model;
  }

  objectType(model: ObjectModel): GraphQLObjectType {
    const known = this.#objects.get(model.name);
    if (known) return known;
    const type: GraphQLObjectType = new GraphQLObjectType<unknown, GraphqlContext>({
      name: model.name,
      fields: () => {
        const fields: GraphQLFieldConfigMap<unknown, GraphqlContext> = {};
        for (const field of model.fields) fields[field.name] = this.#field(field);
        return { ...fields, ...this.#extra(model.name) };
      },
    });
    this.#objects.set(model.name, type);
    return type;
  }

  /** Every object type built so far, by name. */
  get built(): ReadonlyMap<string, GraphQLObjectType> {
    return this.#objects;
  }

  #item(shape: ItemShape): GraphQLOutputType {
    return shape.kind === "scalar" ? SCALAR_TYPES[shape.scalar] : this.objectType(shape.type);
  }

  #field(field: FieldModel): GraphQLFieldConfig<unknown, GraphqlContext> {
    const { shape, key } = field;
    const nonNull = (type: GraphQLOutputType) => (field.required ? new GraphQLNonNull(type) : type);
    if (shape.kind === "relation") {
      const foreign = this.objectType(this.target(shape).type);
      return {
        type: nonNull(shape.isList ? new GraphQLList(foreign) : foreign),
        resolve: (parent, _args, context, info) => {
          context.track(info, true);
          return this.#resolveRelation(shape, own(parent, key), context);
        },
      };
    }
    const type = shape.kind === "array" ? new GraphQLList(this.#item(shape.items)) : this.#item(shape);
    return { type: nonNull(type), resolve: (parent) => readValue(shape, own(parent, key)) };
  }

  /**
   * Reads the foreign documents a source value names, as the requesting user. Missing foreign documents are left
   * out; a to-many field keeps the order of the source values.
   */
  async #resolveRelation(shape: RelationShape, value: unknown, context: GraphqlContext): Promise<unknown> {
    const { ns } = this.target(shape);
    const key = shape.foreignKey;
    if (!shape.isList) {
      if (value === null || value === undefined) return null;
      return context.run(ns, "findOne", { query: { [key]: value } });
    }
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    if (values.length === 0) return [];
    const found = (await context.run(ns, "find", { query: { [key]: { $in: values } } })) as Doc[];
    const byKey = new Map(found.map((doc) => [idKey(own(doc, key)), doc]));
    return values.flatMap((v) => byKey.get(idKey(v)) ?? []);
  }
}
