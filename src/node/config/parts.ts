// Parsers of the config objects every layout shares (a provider, a function's settings, a value, the custom user
// data settings, a rules file, a schema, a custom resolver). Each validates what the kit relies on and names the
// file and field of what is wrong.
import type {
  CollectionJsonSchema,
  CollectionSchema,
  CustomResolverConfig,
  Relationship,
} from "../../graphql/types.js";
import type { CollectionRule, DefaultRule, RuleFilter, RuleRole } from "../../rules/types.js";
import {
  at,
  fail,
  field,
  type JsonObject,
  object,
  optionalArray,
  optionalBoolean,
  optionalObject,
  optionalString,
  setOwn,
  string,
  stringArray,
  type Where,
} from "./fields.js";
import type { CustomUserDataModel, FunctionModel, ProviderModel, ValueModel } from "./model.js";

const NAME = /^[A-Za-z0-9_-]+$/;

export function parseProvider(raw: unknown, where: Where, key?: string): ProviderModel {
  const source = object(raw, where);
  const type = string(source, "type", where);
  const name = optionalString(source, "name", where) ?? key ?? type;
  return {
    where,
    name,
    type,
    disabled: optionalBoolean(source, "disabled", where) ?? false,
    config: optionalObject(source, "config", where) ?? {},
    secretConfig: optionalObject(source, "secret_config", where) ?? {},
    metadataFields: optionalArray(source, "metadata_fields", where).map((item, i) =>
      object(item, at(at(where, "metadata_fields"), i)),
    ),
    redirectUris: stringArray(source, "redirect_uris", where),
    domainRestrictions: stringArray(source, "domain_restrictions", where),
  };
}

/** A function's settings (`functions/config.json` entry, v1 `config.json`, or an inline entry with `source`). */
export function parseFunction(raw: JsonObject, where: Where, source: string, file: string): FunctionModel {
  const name = string(raw, "name", where);
  return {
    where,
    name,
    source,
    file,
    private: optionalBoolean(raw, "private", where) ?? false,
    runAsSystem: optionalBoolean(raw, "run_as_system", where) ?? false,
    canEvaluate: field(raw, "can_evaluate"),
    runAsUserId: optionalString(raw, "run_as_user_id", where) ?? "",
    runAsUserIdScript: optionalString(raw, "run_as_user_id_script_source", where) ?? "",
  };
}

export function parseValue(raw: unknown, where: Where): ValueModel {
  const source = object(raw, where);
  const name = string(source, "name", where);
  if (!NAME.test(name)) fail(at(where, "name"), `"${name}" is not a valid value name`);
  const fromSecret = optionalBoolean(source, "from_secret", where) ?? false;
  const value = field(source, "value");
  if (fromSecret && typeof value !== "string") {
    fail(at(where, "value"), "a value with from_secret names its secret: expected a string");
  }
  return { where, name, fromSecret, value };
}

export function parseCustomUserData(raw: unknown, where: Where): CustomUserDataModel {
  const source = object(raw, where);
  const enabled = optionalBoolean(source, "enabled", where) ?? false;
  const text = (key: string) =>
    enabled ? string(source, key, where) : (optionalString(source, key, where) ?? "");
  return {
    where,
    enabled,
    serviceName:
      optionalString(source, "mongo_service_name", where) ??
      optionalString(source, "mongo_service_id", where) ??
      "mongodb-atlas",
    database: text("database_name"),
    collection: text("collection_name"),
    userIdField: text("user_id_field"),
    onUserCreationFunction: optionalString(source, "on_user_creation_function_name", where) || undefined,
  };
}

const roles = (source: JsonObject, where: Where): RuleRole[] =>
  optionalArray(source, "roles", where).map((item, i) => {
    const role = object(item, at(at(where, "roles"), i));
    string(role, "name", at(at(where, "roles"), i));
    return role as unknown as RuleRole;
  });

const filters = (source: JsonObject, where: Where): RuleFilter[] =>
  optionalArray(source, "filters", where).map((item, i) => {
    const filter = object(item, at(at(where, "filters"), i));
    string(filter, "name", at(at(where, "filters"), i));
    return filter as unknown as RuleFilter;
  });

/** `default_rule.json` (or the importer's default rule). */
export function parseDefaultRule(raw: unknown, where: Where): DefaultRule {
  const source = object(raw, where);
  return { roles: roles(source, where), filters: filters(source, where) };
}

/**
 * `<db>/<coll>/rules.json`; `database`/`collection` default to the folder names. An empty file is an error, as for
 * realm-cli.
 */
export function parseCollectionRule(
  raw: unknown,
  where: Where,
  defaults?: { database: string; collection: string },
): CollectionRule {
  const source = object(raw, where);
  if (Object.keys(source).length === 0) fail(where, "a rules file must not be empty");
  const database = optionalString(source, "database", where) ?? defaults?.database;
  const collection = optionalString(source, "collection", where) ?? defaults?.collection;
  if (!database) fail(at(where, "database"), "expected the database name");
  if (!collection) fail(at(where, "collection"), "expected the collection name");
  return {
    database: database as string,
    collection: collection as string,
    roles: roles(source, where),
    filters: filters(source, where),
  };
}

export function parseSchema(
  raw: unknown,
  where: Where,
  ns: { service: string; database: string; collection: string },
  relationships?: { raw: unknown; where: Where },
): CollectionSchema {
  const schema = object(raw, where) as CollectionJsonSchema;
  const bsonType = field(schema, "bsonType");
  if (bsonType !== undefined && bsonType !== "object")
    fail(at(where, "bsonType"), `the root schema must be "object"`);
  if (relationships === undefined || relationships.raw === undefined) return { ...ns, schema };
  const links = object(relationships.raw, relationships.where);
  const parsed: Record<string, Relationship> = {};
  for (const [name, value] of Object.entries(links)) {
    const where = at(relationships.where, name);
    const link = object(value, where);
    setOwn(parsed, name, {
      ref: string(link, "ref", where),
      source_key: string(link, "source_key", where),
      foreign_key: string(link, "foreign_key", where),
      is_list: optionalBoolean(link, "is_list", where) ?? false,
    });
  }
  return { ...ns, schema, relationships: parsed };
}

/** A custom resolver; its `function_name` must name one of the app's functions. */
export function parseCustomResolver(
  raw: unknown,
  where: Where,
  functionNames: ReadonlySet<string>,
): CustomResolverConfig {
  const source = object(raw, where);
  string(source, "field_name", where);
  string(source, "on_type", where);
  const name = string(source, "function_name", where);
  if (!functionNames.has(name)) fail(at(where, "function_name"), `no function named "${name}"`);
  return source as unknown as CustomResolverConfig;
}

/** `environments/<tag>.json`: `{ values: { … } }`. */
export function parseEnvironment(raw: unknown, where: Where): JsonObject {
  return optionalObject(object(raw, where), "values", where) ?? {};
}

/** The `dependencies` of `functions/package.json`. */
export function parseDependencies(raw: unknown, where: Where): string[] {
  return Object.keys(optionalObject(object(raw, where), "dependencies", where) ?? {});
}

/** The environment file names and the tag each stands for. */
export const ENVIRONMENT_FILES: Readonly<Record<string, string>> = {
  "no-environment": "",
  development: "development",
  testing: "testing",
  qa: "qa",
  production: "production",
};
