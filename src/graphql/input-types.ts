import {
  GraphQLBoolean,
  GraphQLEnumType,
  type GraphQLEnumValueConfigMap,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
} from "graphql";
import type { CollectionModel } from "./collections.js";
import { memberName, queryOps, sortable, updateOps } from "./members.js";
import type { FieldModel, ItemShape, ObjectModel, RelationShape } from "./model.js";
import { upperFirst } from "./naming.js";
import { SCALAR_TYPES } from "./scalars.js";

/** A `…SortByInput` value: the stored key and the direction. */
export interface SortValue {
  readonly key: string;
  readonly direction: 1 | -1;
}

type Cache<T> = Map<string, T>;

function cached<T>(cache: Cache<T>, name: string, build: () => T): T {
  const known = cache.get(name);
  if (known !== undefined) return known;
  const made = build();
  cache.set(name, made);
  return made;
}

const list = (type: GraphQLInputType): GraphQLInputType => new GraphQLList(type);

/** `…QueryInput`, `…InsertInput`, `…UpdateInput`, `…RelationInput` and `…SortByInput`, built once per name. */
export class InputTypes {
  readonly #inputs: Cache<GraphQLInputObjectType> = new Map();
  readonly #enums: Cache<GraphQLEnumType | null> = new Map();
  readonly #target: (shape: RelationShape) => CollectionModel;

  constructor(target: (shape: RelationShape) => CollectionModel) {
    this.#target = target;
  }

  /** Every input object type built so far, by name. */
  get built(): ReadonlyMap<string, GraphQLInputObjectType> {
    return this.#inputs;
  }

  /** An input object type built once per name; `fields` may refer to the type itself. */
  #input(name: string, fields: (self: GraphQLInputObjectType) => GraphQLInputFieldConfigMap) {
    return cached(this.#inputs, name, () => {
      const self: GraphQLInputObjectType = new GraphQLInputObjectType({ name, fields: () => fields(self) });
      return self;
    });
  }

  queryInput(model: ObjectModel): GraphQLInputObjectType {
    return this.#input(`${model.name}QueryInput`, (self) => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const field of model.fields) {
        for (const op of queryOps(field))
          fields[memberName(field, op)] = { type: this.#queryMember(field, op) };
      }
      fields.AND = { type: list(new GraphQLNonNull(self)) };
      fields.OR = { type: list(new GraphQLNonNull(self)) };
      return fields;
    });
  }

  insertInput(model: ObjectModel): GraphQLInputObjectType {
    return this.#objectInput(model, `${model.name}InsertInput`, (m) => this.insertInput(m));
  }

  /** A custom resolver's input type: named by its (singularised) title, embedded objects `<Type><Field>`. */
  customInput(model: ObjectModel): GraphQLInputObjectType {
    return this.#objectInput(model, model.name, (m) => this.customInput(m));
  }

  #objectInput(model: ObjectModel, name: string, nested: (model: ObjectModel) => GraphQLInputObjectType) {
    return this.#input(name, () => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const field of model.fields) {
        const type = this.#writeType(model, field, nested);
        fields[field.name] = { type: field.required ? new GraphQLNonNull(type) : type };
      }
      return fields;
    });
  }

  updateInput(model: ObjectModel): GraphQLInputObjectType {
    return this.#input(`${model.name}UpdateInput`, () => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const field of model.fields) {
        for (const op of updateOps(field)) {
          // `f` and `f_inc` take the field's type; `f_unset` a Boolean.
          const type =
            op === "unset" ? GraphQLBoolean : this.#writeType(model, field, (m) => this.updateInput(m));
          fields[memberName(field, op)] = { type };
        }
      }
      return fields;
    });
  }

  /** The sort enum of a document type, or null when it has no sortable field. */
  sortInput(model: ObjectModel): GraphQLEnumType | null {
    const name = `${model.name}SortByInput`;
    return cached(this.#enums, name, () => {
      const values: GraphQLEnumValueConfigMap = {};
      for (const field of model.fields.filter(sortable)) {
        const upper = field.name.toUpperCase();
        values[`${upper}_ASC`] = { value: { key: field.key, direction: 1 } satisfies SortValue };
        values[`${upper}_DESC`] = { value: { key: field.key, direction: -1 } satisfies SortValue };
      }
      return Object.keys(values).length === 0 ? null : new GraphQLEnumType({ name, values });
    });
  }

  #item(shape: ItemShape, nested: (model: ObjectModel) => GraphQLInputType): GraphQLInputType {
    return shape.kind === "scalar" ? SCALAR_TYPES[shape.scalar] : nested(shape.type);
  }

  #queryMember(field: FieldModel, op: string): GraphQLInputType {
    if (op === "exists") return GraphQLBoolean;
    const { shape } = field;
    if (shape.kind === "relation") {
      const foreign = this.queryInput(this.#target(shape).type);
      return shape.isList ? list(foreign) : foreign;
    }
    if (shape.kind === "array") return list(this.#item(shape.items, (m) => this.queryInput(m)));
    const type = this.#item(shape, (m) => this.queryInput(m));
    return op === "in" || op === "nin" ? list(type) : type;
  }

  /** The type a field takes in insert and update inputs (without `!`). */
  #writeType(
    owner: ObjectModel,
    field: FieldModel,
    nested: (model: ObjectModel) => GraphQLInputType,
  ): GraphQLInputType {
    const { shape } = field;
    if (shape.kind === "relation") return this.#relationInput(owner, field, shape);
    if (shape.kind === "array") return list(this.#item(shape.items, nested));
    return this.#item(shape, nested);
  }

  /** `<Type><Field>RelationInput { link, create }`: raw source-key values, or new foreign documents. */
  #relationInput(owner: ObjectModel, field: FieldModel, shape: RelationShape): GraphQLInputObjectType {
    const name = `${owner.name}${upperFirst(field.name)}RelationInput`;
    return this.#input(name, () => {
      const link = SCALAR_TYPES[shape.source.scalar];
      const create = this.insertInput(this.#target(shape).type);
      return {
        link: { type: shape.isList ? list(link) : link },
        create: { type: shape.isList ? list(create) : create },
      };
    });
  }
}
