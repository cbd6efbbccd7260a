// The two single-JSON shapes: the Admin API's pull/push document (snake_case, arrays of providers, functions
// with inline `source`, `data_sources[]` with their rules) and the camelCase `AppConfig` of MongoDB's
// realm-app-importer (`authProviders`, `services` as `[config, rules[]]` tuples whose rules are default rules).
import type { CollectionSchema, CustomResolverConfig, GraphqlOptions } from "../../graphql/types.js";
import {
  array,
  at,
  fail,
  field,
  isObject,
  type JsonObject,
  object,
  optionalArray,
  optionalObject,
  optionalString,
  setOwn,
  string,
  type Where,
} from "./fields.js";
import { meaningful } from "./files.js";
import type { AppModel, DataSourceModel, FunctionModel, ValueModel } from "./model.js";
import {
  parseCollectionRule,
  parseCustomResolver,
  parseCustomUserData,
  parseDefaultRule,
  parseFunction,
  parseProvider,
  parseSchema,
  parseValue,
} from "./parts.js";
import { MONGODB_SERVICE_TYPES } from "./read-legacy.js";

/** True for the realm-app-importer shape (camelCase top level). */
export const isImporterShape = (raw: JsonObject): boolean =>
  Object.hasOwn(raw, "authProviders") || Object.hasOwn(raw, "baseFilePath");

function inlineFunctions(raw: JsonObject, where: Where): FunctionModel[] {
  return optionalArray(raw, "functions", where).map((item, i) => {
    const entryWhere = at(at(where, "functions"), i);
    const entry = object(item, entryWhere);
    const source = field(entry, "source");
    if (typeof source !== "string") fail(at(entryWhere, "source"), "expected the function's source code");
    const name = string(entry, "name", entryWhere);
    return parseFunction(entry, entryWhere, source as string, `functions/${name}.js`);
  });
}

const secretsOf = (raw: JsonObject, where: Where): Record<string, string> => {
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(optionalObject(raw, "secrets", where) ?? {})) {
    if (typeof value !== "string")
      fail(at(at(where, "secrets"), name), "expected the secret's value as a string");
    setOwn(secrets, name, value as string);
  }
  return secrets;
};

function readImporter(raw: JsonObject, where: Where): AppModel {
  const unsupported: string[] = [];
  const security = optionalObject(raw, "security", where);
  if (security && meaningful(field(security, "allowed_request_origins"))) {
    unsupported.push(`${where.file}: security.allowed_request_origins (every origin is allowed)`);
  }
  const values: ValueModel[] = Object.entries(optionalObject(raw, "values", where) ?? {}).map(
    ([name, value]) => ({
      where: at(at(where, "values"), name),
      name,
      fromSecret: false,
      value,
    }),
  );
  const dataSources: DataSourceModel[] = [];
  optionalArray(raw, "services", where).forEach((item, i) => {
    const tupleWhere = at(at(where, "services"), i);
    const [configRaw, rulesRaw] = array(item, tupleWhere);
    const configWhere = at(tupleWhere, 0);
    const config = object(configRaw, configWhere);
    const name = string(config, "name", configWhere);
    const type = string(config, "type", configWhere);
    if (!MONGODB_SERVICE_TYPES.has(type)) {
      unsupported.push(`${where.file}: services[${i}] third-party service "${name}" (${type})`);
      return;
    }
    const inner = optionalObject(config, "config", configWhere) ?? {};
    if (meaningful(field(inner, "sync")) || meaningful(field(inner, "flexible_sync"))) {
      unsupported.push(`${where.file}: services[${i}].config sync (Device Sync)`);
    }
    const rules = rulesRaw === undefined ? [] : array(rulesRaw, at(tupleWhere, 1));
    // The importer posts each rule of a MongoDB service as its default rule: the last one wins.
    const defaults = rules.map((rule, j) => parseDefaultRule(rule, at(at(tupleWhere, 1), j)));
    dataSources.push({ where: configWhere, name, type, defaultRule: defaults.at(-1), collections: [] });
  });
  return {
    name: optionalString(raw, "name", where),
    clientAppId: undefined,
    environment: "",
    environments: {},
    providers: optionalArray(raw, "authProviders", where).map((item, i) =>
      parseProvider(item, at(at(where, "authProviders"), i)),
    ),
    customUserData: undefined,
    functions: inlineFunctions(raw, where),
    dependencies: [],
    resolveFrom: undefined,
    values,
    secrets: secretsOf(raw, where),
    dataSources,
    schemas: [],
    graphql: undefined,
    unsupported,
  };
}

/** Admin API `environments`: `{ values: { none: { values }, development: { values }, … } }`. */
function pushPullEnvironments(raw: JsonObject, where: Where): Record<string, JsonObject> {
  const environments: Record<string, JsonObject> = {};
  const envWhere = at(where, "environments");
  const byTag = optionalObject(optionalObject(raw, "environments", where) ?? {}, "values", envWhere) ?? {};
  for (const [tag, entry] of Object.entries(byTag)) {
    const entryWhere = at(at(envWhere, "values"), tag);
    setOwn(
      environments,
      tag === "none" ? "" : tag,
      optionalObject(object(entry, entryWhere), "values", entryWhere) ?? {},
    );
  }
  return environments;
}

function pushPullDataSources(raw: JsonObject, where: Where): DataSourceModel[] {
  return optionalArray(raw, "data_sources", where).map((item, i) => {
    const sourceWhere = at(at(where, "data_sources"), i);
    const source = object(item, sourceWhere);
    const defaultRule = field(source, "default_rule");
    return {
      where: sourceWhere,
      name: string(source, "name", sourceWhere),
      type: optionalString(source, "type", sourceWhere) ?? "mongodb-atlas",
      defaultRule: meaningful(defaultRule)
        ? parseDefaultRule(defaultRule, at(sourceWhere, "default_rule"))
        : undefined,
      collections: optionalArray(source, "rules", sourceWhere).map((rule, j) =>
        parseCollectionRule(rule, at(at(sourceWhere, "rules"), j)),
      ),
    };
  });
}

/** Admin API `schemas`: `[{ metadata: { data_source, database, collection }, schema, relationships? }]`. */
function pushPullSchemas(raw: JsonObject, where: Where): CollectionSchema[] {
  return optionalArray(raw, "schemas", where).map((item, i) => {
    const entryWhere = at(at(where, "schemas"), i);
    const entry = object(item, entryWhere);
    const metaWhere = at(entryWhere, "metadata");
    const meta = object(field(entry, "metadata"), metaWhere);
    const ns = {
      service: string(meta, "data_source", metaWhere),
      database: string(meta, "database", metaWhere),
      collection: string(meta, "collection", metaWhere),
    };
    const relationships = field(entry, "relationships");
    return parseSchema(field(entry, "schema"), at(entryWhere, "schema"), ns, {
      raw: meaningful(relationships) ? relationships : undefined,
      where: at(entryWhere, "relationships"),
    });
  });
}

function pushPullGraphql(
  raw: JsonObject,
  where: Where,
  functionNames: ReadonlySet<string>,
): GraphqlOptions | undefined {
  const graphql = optionalObject(raw, "graphql", where);
  if (graphql === undefined) return undefined;
  const graphqlWhere = at(where, "graphql");
  const config = optionalObject(graphql, "config", graphqlWhere) ?? {};
  const resolvers: CustomResolverConfig[] = optionalArray(graphql, "custom_resolvers", graphqlWhere).map(
    (r, i) => parseCustomResolver(r, at(at(graphqlWhere, "custom_resolvers"), i), functionNames),
  );
  const options: Record<string, unknown> = { custom_resolvers: resolvers };
  for (const key of ["use_natural_pluralization", "disable_schema_introspection"]) {
    if (typeof field(config, key) === "boolean") options[key] = field(config, key);
  }
  return options as GraphqlOptions;
}

function readPushPull(raw: JsonObject, where: Where): AppModel {
  const unsupported: string[] = [];
  for (const key of ["triggers", "endpoints", "https_endpoints", "log_forwarders", "services"]) {
    if (meaningful(field(raw, key))) unsupported.push(`${where.file}: ${key}`);
  }
  const sync = field(raw, "sync");
  if (isObject(sync) && field(sync, "state") === "enabled")
    unsupported.push(`${where.file}: sync (Device Sync)`);
  const hosting = field(raw, "hosting");
  if (isObject(hosting) && field(hosting, "enabled") === true) unsupported.push(`${where.file}: hosting`);
  const customUserData = field(raw, "custom_user_data");
  const functions = inlineFunctions(raw, where);
  return {
    name: optionalString(raw, "name", where),
    clientAppId: optionalString(raw, "client_app_id", where),
    environment: optionalString(raw, "environment", where) ?? "",
    environments: pushPullEnvironments(raw, where),
    providers: optionalArray(raw, "auth_providers", where).map((item, i) =>
      parseProvider(item, at(at(where, "auth_providers"), i)),
    ),
    customUserData: isObject(customUserData)
      ? parseCustomUserData(customUserData, at(where, "custom_user_data"))
      : undefined,
    functions,
    dependencies: [],
    resolveFrom: undefined,
    values: optionalArray(raw, "values", where).map((item, i) =>
      parseValue(item, at(at(where, "values"), i)),
    ),
    secrets: secretsOf(raw, where),
    dataSources: pushPullDataSources(raw, where),
    schemas: pushPullSchemas(raw, where),
    graphql: pushPullGraphql(raw, where, new Set(functions.map((f) => f.name))),
    unsupported,
  };
}

/** Reads either single-JSON shape. `file` names the source in messages. */
export function readSingleJson(raw: unknown, file: string): AppModel {
  const where = { file, field: "" };
  const app = object(raw, where);
  return isImporterShape(app) ? readImporter(app, where) : readPushPull(app, where);
}
