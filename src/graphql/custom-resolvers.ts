import {
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLString,
} from "graphql";
import type { Logger } from "../logger.js";
import { cloneValue, isPlainObject } from "../mongodb/index.js";
import type { CollectionModel } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import type { InputTypes } from "./input-types.js";
import {
  bsonTypeOf,
  type ObjectModel,
  objectModel,
  objectModels,
  scalarShape,
  schemaError,
} from "./model.js";
import { graphqlFieldName, typeNameOf } from "./naming.js";
import type { OutputTypes } from "./output-types.js";
import { SCALAR_TYPES } from "./scalars.js";
import type { CollectionJsonSchema, CustomResolverConfig } from "./types.js";

// Custom resolvers (`graphql/custom_resolvers/*.json`; ../shared/spec/graphql-api.md §7).

type Fields = GraphQLFieldConfigMap<unknown, GraphqlContext>;
const FORMATS = ["scalar", "scalar-list", "generated", "generated-list", "custom"] as const;
type Format = (typeof FORMATS)[number];

/** `type DefaultPayload { status: String! }`: the payload of a resolver without `payload_type`. */
const DefaultPayload = new GraphQLObjectType({
  name: "DefaultPayload",
  fields: { status: { type: new GraphQLNonNull(GraphQLString) } },
});

interface Builders {
  readonly models: readonly CollectionModel[];
  readonly outputs: OutputTypes;
  readonly inputs: InputTypes;
}

/** Where each custom field goes: `Query`, `Mutation` or a document type (computed properties). */
export type CustomFields = ReadonlyMap<string, Fields>;

function formatOf(value: unknown, where: string): Format | undefined {
  if (value === undefined || value === "" || value === null) return undefined;
  if (typeof value === "string" && (FORMATS as readonly string[]).includes(value)) return value as Format;
  throw schemaError(where, `the format must be one of ${FORMATS.join(", ")}`);
}

/** A generated type by name: a document or embedded type, or one of their input types. */
function generated(builders: Builders, name: unknown, input: boolean, where: string) {
  for (const model of builders.models.flatMap((m) => [...objectModels(m.type)])) {
    if (!input && model.name === name) return builders.outputs.objectType(model);
    if (input && `${model.name}InsertInput` === name) return builders.inputs.insertInput(model);
    if (input && `${model.name}UpdateInput` === name) return builders.inputs.updateInput(model);
    if (input && `${model.name}QueryInput` === name) return builders.inputs.queryInput(model);
  }
  throw schemaError(where, `no generated ${input ? "input " : ""}type named ${JSON.stringify(name)}`);
}

/** A custom (inline JSON schema) type: an object titled `Name` → `Name` (singularised); an array → `[NameItem]`. */
function custom(schema: unknown, where: string): { model: ObjectModel; list: boolean } {
  if (!isPlainObject(schema) || typeof schema.title !== "string" || schema.title === "") {
    throw schemaError(where, "a custom type must be a JSON schema object with a title");
  }
  const type = bsonTypeOf(schema, where);
  const name = typeNameOf(schema.title);
  if (type === "array" && isPlainObject(schema.items)) {
    const itemName = typeof schema.items.title === "string" ? typeNameOf(schema.items.title) : `${name}Item`;
    return { model: objectModel(schema.items, itemName, `${where}.items`), list: true };
  }
  const model = objectModel(schema as CollectionJsonSchema, name, where);
  if (model.fields.length === 0) throw schemaError(where, "a custom type needs at least one property");
  return { model, list: false };
}

function scalar(name: unknown, where: string) {
  const shape = typeof name === "string" ? scalarShape(name) : undefined;
  if (!shape)
    throw schemaError(where, `${JSON.stringify(name)} is not a BSON scalar type with a GraphQL type`);
  return SCALAR_TYPES[shape.scalar];
}

type Side = "input" | "payload";

/** A resolver's input or payload type per its `<side>_type` and `<side>_type_format`; undefined when absent. */
function declaredType(b: Builders, config: CustomResolverConfig, side: Side, where: string) {
  const format = formatOf(config[`${side}_type_format`], `${where} ${side}_type_format`);
  const declared = config[`${side}_type`];
  const at = `${where} ${side}_type`;
  if (format === undefined) return undefined;
  if (format === "custom") {
    const { model, list } = custom(declared, at);
    const type = side === "input" ? b.inputs.customInput(model) : b.outputs.objectType(model);
    return list ? new GraphQLList(type) : type;
  }
  const base = format.startsWith("scalar")
    ? scalar(declared, at)
    : generated(b, declared, side === "input", at);
  return format.endsWith("-list") ? new GraphQLList(base) : base;
}

/**
 * The custom fields by parent type. The function runs as the requesting user with `(input, source)` when the
 * resolver takes an input, else `(source)`; `source` is the parent document of a computed property.
 */
export function customFields(
  configs: readonly CustomResolverConfig[],
  builders: Builders,
  knownFunction: (name: string) => boolean,
  logger: Logger,
): CustomFields {
  const byType = new Map<string, Fields>();
  const documentTypes = new Set(builders.models.map((m) => m.type.name));
  configs.forEach((config, index) => {
    const where = `graphql.custom_resolvers[${index}]`;
    if (!isPlainObject(config)) throw schemaError(where, "a custom resolver must be an object");
    const { field_name: field, on_type: onType, function_name: fn } = config;
    if (typeof field !== "string" || graphqlFieldName(field) !== field) {
      throw schemaError(where, `field_name ${JSON.stringify(field)} is not a GraphQL name`);
    }
    if (onType !== "Query" && onType !== "Mutation" && !documentTypes.has(onType)) {
      throw schemaError(
        where,
        `on_type ${JSON.stringify(onType)} is neither Query, Mutation nor a document type`,
      );
    }
    if (typeof fn !== "string" || fn === "")
      throw schemaError(where, "function_name must be a function name");
    if (!knownFunction(fn)) {
      logger.warn(
        `Custom resolver ${onType}.${field} calls function "${fn}", which the app does not define.`,
      );
    }
    const at = `${where} (${onType}.${field})`;
    const input = declaredType(builders, config, "input", at) as GraphQLInputType | undefined;
    const payload = declaredType(builders, config, "payload", at) as GraphQLOutputType | undefined;
    const resolver: GraphQLFieldConfig<unknown, GraphqlContext, Record<string, unknown>> = {
      type: payload ?? DefaultPayload,
      ...(input ? { args: { input: { type: input } } } : {}),
      resolve: async (source, args, context, info) => {
        context.track(info, false);
        const parent = onType === "Query" || onType === "Mutation" ? undefined : cloneValue(source);
        const result = await context.call(fn, input ? [args.input, parent] : [parent]);
        // The default payload's status is "complete" whatever the function returns.
        return payload ? result : { status: "complete" };
      },
    };
    const fields = byType.get(onType) ?? {};
    fields[field] = resolver;
    byType.set(onType, fields);
  });
  return byType;
}
