import { type GraphQLFieldConfigMap, GraphQLObjectType, GraphQLSchema, validateSchema } from "graphql";
import type { Logger } from "../logger.js";
import { kitMessage } from "../logger.js";
import type { MockAppOptions } from "../options.js";
import { type CollectionModel, collectionModels, nsKey } from "./collections.js";
import type { GraphqlContext } from "./context.js";
import { customFields } from "./custom-resolvers.js";
import { InputTypes } from "./input-types.js";
import { OutputTypes } from "./output-types.js";
import { RootFields } from "./root-fields.js";

/** The app's generated GraphQL API: the executable schema and its settings. */
export interface GraphqlApi {
  /** Null when no collection has a schema (the API has no types to serve). */
  readonly schema: GraphQLSchema | null;
  readonly introspection: boolean;
  readonly models: readonly CollectionModel[];
}

type Fields = GraphQLFieldConfigMap<unknown, GraphqlContext>;

/** Collections the app knows of (seed data, rules) that have no schema: left out of the API, with a warning. */
function warnSchemaless(options: MockAppOptions, models: readonly CollectionModel[], logger: Logger): void {
  const exposed = new Set(models.map((m) => m.key));
  const given = new Set((options.schemas ?? []).map((s) => nsKey(s)));
  const known = new Set<string>();
  for (const [service, dbs] of Object.entries(options.data ?? {})) {
    for (const [database, collections] of Object.entries(dbs)) {
      for (const collection of Object.keys(collections)) known.add(nsKey({ service, database, collection }));
    }
  }
  for (const [service, rules] of Object.entries(options.rules ?? {})) {
    for (const { database, collection } of rules.collections ?? [])
      known.add(nsKey({ service, database, collection }));
  }
  for (const key of known) {
    if (!exposed.has(key) && !given.has(key)) {
      logger.warn(`Collection ${key} has no schema; it is left out of the GraphQL API.`);
    }
  }
}

/**
 * Builds the GraphQL API from `createMockApp({ schemas, graphql })`. Throws (naming the collection and field)
 * for a schema, relationship or custom resolver the API cannot be generated from.
 */
export function buildGraphqlApi(options: MockAppOptions, logger: Logger): GraphqlApi {
  const settings = options.graphql ?? {};
  const models = collectionModels(
    options.schemas ?? [],
    settings.use_natural_pluralization !== false,
    logger,
  );
  if (options.schemas !== undefined || options.graphql !== undefined) warnSchemaless(options, models, logger);
  let custom: ReadonlyMap<string, Fields> = new Map();
  const outputs = new OutputTypes(new Map(models.map((m) => [m.key, m])), (name) => custom.get(name) ?? {});
  const inputs = new InputTypes((shape) => outputs.target(shape));
  const query: Fields = {};
  const mutation: Fields = {};
  for (const model of models) {
    const root = new RootFields(model, outputs, inputs);
    Object.assign(query, root.queries());
    Object.assign(mutation, root.mutations());
  }
  const functions = options.functions ?? {};
  custom = customFields(
    settings.custom_resolvers ?? [],
    { models, outputs, inputs },
    (name) => Object.hasOwn(functions, name),
    logger,
  );
  Object.assign(query, custom.get("Query"));
  Object.assign(mutation, custom.get("Mutation"));
  const introspection = settings.disable_schema_introspection !== true;
  if (Object.keys(query).length === 0) return { schema: null, introspection, models };
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: query }),
    ...(Object.keys(mutation).length > 0
      ? { mutation: new GraphQLObjectType({ name: "Mutation", fields: mutation }) }
      : {}),
  });
  const problems = validateSchema(schema);
  if (problems.length > 0) {
    throw new Error(
      kitMessage(
        `The GraphQL schema generated from the app is invalid: ${problems.map((p) => p.message).join("; ")}`,
      ),
    );
  }
  return { schema, introspection, models };
}
