// The legacy "v1" layout (20180301 `stitch.json`, 20200603 `config.json`, realm-js test templates): one file per
// provider in `auth_providers/`, `functions/<name>/{config.json,source.js}`, MongoDB services under
// `services/<svc>/` with `rules/<db>.<coll>.json` (schema and relationships inside the rule file).
import type { CollectionSchema } from "../../graphql/types.js";
import type { CollectionRule } from "../../rules/types.js";
import { at, field, object, optionalObject, optionalString } from "./fields.js";
import { type AppFolder, meaningful } from "./files.js";
import type { AppModel, DataSourceModel, FunctionModel } from "./model.js";
import {
  parseCollectionRule,
  parseCustomUserData,
  parseDefaultRule,
  parseFunction,
  parseProvider,
  parseSchema,
} from "./parts.js";
import { sharedFolderParts } from "./read-directory.js";

export const MONGODB_SERVICE_TYPES: ReadonlySet<string> = new Set(["mongodb", "mongodb-atlas"]);

/** Every folder under `functions/` holding a `source.js` (nested folders give names such as `utils/slugify`). */
function readFunctions(folder: AppFolder): FunctionModel[] {
  const dirs = folder
    .walk("functions")
    .filter((f) => f.endsWith("/source.js"))
    .map((f) => f.slice(0, -"/source.js".length));
  return dirs.map((dir) => {
    const config = folder.json(`functions/${dir}/config.json`);
    const where = config?.where ?? { file: `functions/${dir}/config.json`, field: "" };
    const raw = config ? object(config.raw, where) : { name: dir };
    const file = `functions/${dir}/source.js`;
    return parseFunction({ name: dir, ...raw }, where, folder.text(file), file);
  });
}

function readServices(
  folder: AppFolder,
  schemas: CollectionSchema[],
  unsupported: string[],
): DataSourceModel[] {
  const sources: DataSourceModel[] = [];
  for (const dir of folder.list("services", "dirs")) {
    const base = `services/${dir}`;
    const config = folder.json(`${base}/config.json`);
    const where = config?.where ?? { file: `${base}/config.json`, field: "" };
    const raw = config ? object(config.raw, where) : {};
    const name = optionalString(raw, "name", where) ?? dir;
    const type = optionalString(raw, "type", where) ?? "mongodb-atlas";
    if (!MONGODB_SERVICE_TYPES.has(type)) {
      unsupported.push(`${base}: third-party service "${name}" (${type})`);
      continue;
    }
    const serviceConfig = optionalObject(raw, "config", where) ?? {};
    if (meaningful(field(serviceConfig, "sync")) || meaningful(field(serviceConfig, "flexible_sync"))) {
      unsupported.push(`${base}/config.json: config.sync (Device Sync)`);
    }
    const collections: CollectionRule[] = [];
    for (const file of folder.list(`${base}/rules`).filter((f) => f.endsWith(".json"))) {
      const rules = folder.json(`${base}/rules/${file}`);
      if (rules === undefined) continue;
      const [database = "", ...rest] = file.slice(0, -5).split(".");
      const rule = parseCollectionRule(rules.raw, rules.where, { database, collection: rest.join(".") });
      collections.push(rule);
      const ruleObject = object(rules.raw, rules.where);
      const schema = field(ruleObject, "schema");
      if (meaningful(schema)) {
        const ns = { service: name, database: rule.database, collection: rule.collection };
        const relationships = {
          raw: field(ruleObject, "relationships"),
          where: at(rules.where, "relationships"),
        };
        schemas.push(parseSchema(schema, at(rules.where, "schema"), ns, relationships));
      }
    }
    const defaultFile = folder.json(`${base}/default_rule.json`);
    sources.push({
      where,
      name,
      type,
      defaultRule: defaultFile ? parseDefaultRule(defaultFile.raw, defaultFile.where) : undefined,
      collections,
    });
  }
  return sources;
}

/** Reads a v1 app folder whose root file is `stitch.json` or `config.json`. */
export function readLegacy(folder: AppFolder, rootFile: "stitch.json" | "config.json"): AppModel {
  const root = folder.json(rootFile);
  const rootWhere = root?.where ?? { file: rootFile, field: "" };
  const rootConfig = root ? object(root.raw, rootWhere) : {};
  const unsupported: string[] = [];
  const security = optionalObject(rootConfig, "security", rootWhere);
  if (security && meaningful(field(security, "allowed_request_origins"))) {
    unsupported.push(`${rootFile}: security.allowed_request_origins (every origin is allowed)`);
  }
  const hosting = optionalObject(rootConfig, "hosting", rootWhere);
  if (hosting && field(hosting, "enabled") === true)
    unsupported.push(`${rootFile}: hosting (static hosting)`);
  for (const file of folder.list("triggers").filter((f) => f.endsWith(".json"))) {
    unsupported.push(`triggers/${file}: triggers do not run`);
  }
  const customUserData = optionalObject(rootConfig, "custom_user_data_config", rootWhere);
  const schemas: CollectionSchema[] = [];
  const dataSources = readServices(folder, schemas, unsupported);
  return {
    name: optionalString(rootConfig, "name", rootWhere),
    clientAppId: optionalString(rootConfig, "app_id", rootWhere),
    environment: optionalString(rootConfig, "environment", rootWhere) ?? "",
    ...sharedFolderParts(folder),
    providers: folder
      .list("auth_providers")
      .filter((f) => f.endsWith(".json"))
      .map((file) => {
        const provider = folder.json(`auth_providers/${file}`);
        return parseProvider(provider?.raw, provider?.where ?? { file, field: "" });
      }),
    customUserData: customUserData
      ? parseCustomUserData(customUserData, at(rootWhere, "custom_user_data_config"))
      : undefined,
    functions: readFunctions(folder),
    dataSources,
    schemas,
    graphql: undefined,
    unsupported,
  };
}
