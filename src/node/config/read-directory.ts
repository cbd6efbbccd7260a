// The current directory layout (20230101, `root_config.json`) and its 20210101 predecessor (`realm_config.json`):
// `auth/`, `functions/config.json` + sources, `data_sources/<svc>/<db>/<coll>/`, `environments/`, `values/`.
import type { CollectionSchema, CustomResolverConfig, GraphqlOptions } from "../../graphql/types.js";
import type { CollectionRule } from "../../rules/types.js";
import { array, at, fail, field, type JsonObject, object, optionalString, setOwn, string } from "./fields.js";
import { type AppFolder, meaningful } from "./files.js";
import type { AppModel, DataSourceModel, FunctionModel, ProviderModel, ValueModel } from "./model.js";
import {
  ENVIRONMENT_FILES,
  parseCollectionRule,
  parseCustomResolver,
  parseCustomUserData,
  parseDefaultRule,
  parseDependencies,
  parseEnvironment,
  parseFunction,
  parseProvider,
  parseSchema,
  parseValue,
} from "./parts.js";

export function readEnvironments(folder: AppFolder): Record<string, JsonObject> {
  const environments: Record<string, JsonObject> = {};
  for (const [file, tag] of Object.entries(ENVIRONMENT_FILES)) {
    const env = folder.json(`environments/${file}.json`);
    if (env) setOwn(environments, tag, parseEnvironment(env.raw, env.where));
  }
  return environments;
}

export function readValues(folder: AppFolder): ValueModel[] {
  return folder
    .list("values")
    .filter((file) => file.endsWith(".json"))
    .map((file) => {
      const value = folder.json(`values/${file}`);
      return parseValue(value?.raw, value?.where ?? { file: `values/${file}`, field: "" });
    });
}

/** `secrets.json` at the root: `{ "<secret name>": "<value>" }` (the realm-app-importer template form). */
export function readSecrets(folder: AppFolder): Record<string, string> {
  const file = folder.json("secrets.json");
  if (file === undefined) return {};
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(object(file.raw, file.where))) {
    if (typeof value === "string") setOwn(secrets, name, value);
  }
  return secrets;
}

/** The parts both folder layouts read the same way. */
export function sharedFolderParts(folder: AppFolder) {
  const pkg = readFunctionPackage(folder, "functions");
  return {
    environments: readEnvironments(folder),
    dependencies: pkg.deps,
    resolveFrom: pkg.from,
    values: readValues(folder),
    secrets: readSecrets(folder),
  };
}

export function readFunctionPackage(
  folder: AppFolder,
  dir: string,
): { deps: string[]; from: string | undefined } {
  const pkg = folder.json(`${dir}/package.json`);
  if (pkg === undefined) return { deps: [], from: undefined };
  return { deps: parseDependencies(pkg.raw, pkg.where), from: folder.path(`${dir}/package.json`) };
}

/** Settings present in folders the kit does not emulate. */
export function unsupportedFolders(folder: AppFolder, unsupported: string[]): void {
  for (const file of folder.list("triggers").filter((f) => f.endsWith(".json"))) {
    unsupported.push(`triggers/${file}: triggers do not run`);
  }
  for (const dir of ["https_endpoints", "http_endpoints"]) {
    const endpoints = folder.json(`${dir}/config.json`);
    if (endpoints && meaningful(endpoints.raw))
      unsupported.push(`${dir}/config.json: custom HTTPS endpoints`);
    const dataApi = folder.jsonObject(`${dir}/data_api_config.json`);
    if (dataApi && field(dataApi.raw, "disabled") === false)
      unsupported.push(`${dir}/data_api_config.json: the Data API`);
  }
  for (const file of folder.list("log_forwarders").filter((f) => f.endsWith(".json"))) {
    unsupported.push(`log_forwarders/${file}: log forwarding`);
  }
  const sync = folder.jsonObject("sync/config.json");
  if (sync && field(sync.raw, "state") === "enabled") unsupported.push("sync/config.json: Device Sync");
  const hosting = folder.jsonObject("hosting/config.json");
  if (hosting && field(hosting.raw, "enabled") === true)
    unsupported.push("hosting/config.json: static hosting");
  for (const dir of folder.list("services", "dirs"))
    unsupported.push(`services/${dir}: third-party services`);
}

function readProviders(folder: AppFolder): ProviderModel[] {
  const file = folder.json("auth/providers.json");
  if (file === undefined) return [];
  return Object.entries(object(file.raw, file.where)).map(([key, value]) =>
    parseProvider(value, at(file.where, key), key),
  );
}

function readFunctions(folder: AppFolder): FunctionModel[] {
  const configFile = folder.json("functions/config.json");
  const sources = new Set(
    folder
      .walk("functions")
      .filter((f) => f.endsWith(".js"))
      .map((f) => f.slice(0, -3)),
  );
  const functions: FunctionModel[] = [];
  const configured = new Set<string>();
  if (configFile) {
    array(configFile.raw, configFile.where).forEach((entry, i) => {
      const where = at(configFile.where, i);
      const name = string(object(entry, where), "name", where);
      const file = `functions/${name}.js`;
      if (!sources.has(name)) fail(at(where, "name"), `no source file ${file} for function "${name}"`);
      configured.add(name);
      functions.push(parseFunction(object(entry, where), where, folder.text(file), file));
    });
  }
  // As App Services does on import, a source without a config entry gets the default settings.
  for (const name of sources) {
    if (configured.has(name)) continue;
    const file = `functions/${name}.js`;
    functions.push(parseFunction({ name }, { file, field: "" }, folder.text(file), file));
  }
  return functions;
}

function readDataSources(folder: AppFolder, schemas: CollectionSchema[]): DataSourceModel[] {
  return folder.list("data_sources", "dirs").map((dir) => {
    const base = `data_sources/${dir}`;
    const config = folder.json(`${base}/config.json`);
    const configWhere = config?.where ?? { file: `${base}/config.json`, field: "" };
    const configObject = config ? object(config.raw, config.where) : { name: dir, type: "mongodb-atlas" };
    const name = optionalString(configObject, "name", configWhere) ?? dir;
    const type = optionalString(configObject, "type", configWhere) ?? "mongodb-atlas";
    const defaultFile = folder.json(`${base}/default_rule.json`);
    const collections: CollectionRule[] = [];
    for (const database of folder.list(base, "dirs")) {
      for (const collection of folder.list(`${base}/${database}`, "dirs")) {
        const rel = `${base}/${database}/${collection}`;
        const rules = folder.json(`${rel}/rules.json`);
        if (rules) collections.push(parseCollectionRule(rules.raw, rules.where, { database, collection }));
        const schema = folder.json(`${rel}/schema.json`);
        if (schema) {
          const relationships = folder.json(`${rel}/relationships.json`);
          schemas.push(
            parseSchema(schema.raw, schema.where, { service: name, database, collection }, relationships),
          );
        }
      }
    }
    return {
      where: configWhere,
      name,
      type,
      defaultRule: defaultFile ? parseDefaultRule(defaultFile.raw, defaultFile.where) : undefined,
      collections,
    };
  });
}

function readGraphql(folder: AppFolder, functionNames: ReadonlySet<string>): GraphqlOptions | undefined {
  const config = folder.jsonObject("graphql/config.json");
  const resolvers: CustomResolverConfig[] = folder
    .list("graphql/custom_resolvers")
    .filter((f) => f.endsWith(".json"))
    .map((file) => {
      const resolver = folder.json(`graphql/custom_resolvers/${file}`);
      return parseCustomResolver(resolver?.raw, resolver?.where ?? { file, field: "" }, functionNames);
    });
  if (config === undefined && resolvers.length === 0) return undefined;
  const options: Record<string, unknown> = {};
  for (const key of ["use_natural_pluralization", "disable_schema_introspection"]) {
    const value = config === undefined ? undefined : field(config.raw, key);
    if (typeof value === "boolean") options[key] = value;
  }
  return { ...options, custom_resolvers: resolvers };
}

/** Reads a 20230101 or 20210101 app folder. */
export function readDirectory(
  folder: AppFolder,
  rootFile: "root_config.json" | "realm_config.json",
): AppModel {
  const root = folder.json(rootFile);
  const rootConfig = root ? object(root.raw, root.where) : {};
  const rootWhere = root?.where ?? { file: rootFile, field: "" };
  const unsupported: string[] = [];
  const origins = field(rootConfig, "allowed_request_origins");
  if (meaningful(origins)) unsupported.push(`${rootFile}: allowed_request_origins (every origin is allowed)`);
  unsupportedFolders(folder, unsupported);
  const meta = folder.jsonObject(".mdb/meta.json") ?? folder.jsonObject(".mdb/app_meta.json");
  const customUserData = folder.json("auth/custom_user_data.json");
  const schemas: CollectionSchema[] = [];
  const dataSources = readDataSources(folder, schemas);
  const functions = readFunctions(folder);
  return {
    name: optionalString(rootConfig, "name", rootWhere),
    clientAppId:
      (meta && typeof field(meta.raw, "client_app_id") === "string"
        ? String(field(meta.raw, "client_app_id"))
        : undefined) ?? optionalString(rootConfig, "app_id", rootWhere),
    environment: optionalString(rootConfig, "environment", rootWhere) ?? "",
    ...sharedFolderParts(folder),
    providers: readProviders(folder),
    customUserData: customUserData
      ? parseCustomUserData(customUserData.raw, customUserData.where)
      : undefined,
    functions,
    dataSources,
    schemas,
    graphql: readGraphql(folder, new Set(functions.map((f) => f.name))),
    unsupported,
  };
}
