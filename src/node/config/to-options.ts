// The intermediate app model → `createMockApp` options: environment and templates, values and secrets, providers,
// custom user data, sandboxed functions, data sources with their rules, schemas and GraphQL settings.
import { join } from "node:path";
import { EJSON } from "bson";
import { DEFAULT_FUNCTION_TIMEOUT_MS } from "../../functions/time-limit.js";
import type { FunctionDefinition } from "../../functions/types.js";
import { kitMessage, type Logger } from "../../logger.js";
import type { MockAppOptions } from "../../options.js";
import type { RulesOptions } from "../../rules/types.js";
import { FunctionSandbox } from "../sandbox/sandbox.js";
import { canEvaluateCheck } from "./can-evaluate.js";
import { at, fail, isObject, type JsonObject, setOwn, type Where } from "./fields.js";
import type { AppModel, CustomUserDataModel, ProviderModel, ValueModel } from "./model.js";
import { mapProviders } from "./providers.js";
import { MONGODB_SERVICE_TYPES } from "./read-legacy.js";

export interface ToOptionsSettings {
  readonly environment: string | undefined;
  readonly secrets: Readonly<Record<string, string>>;
  readonly strict: boolean;
  readonly logger: Logger;
  readonly functionTimeoutMs: number | undefined;
}

const TEMPLATE = /%\(%%environment\.values\.([A-Za-z0-9_-]+)\)/g;
const WHOLE_TEMPLATE = /^%\(%%environment\.values\.([A-Za-z0-9_-]+)\)$/;

/** Replaces `%(%%environment.values.<name>)` in every string of a config value. */
function expandTemplates<T>(value: T, env: JsonObject): T {
  if (typeof value === "string") {
    const whole = WHOLE_TEMPLATE.exec(value);
    if (whole) return (Object.hasOwn(env, whole[1] ?? "") ? env[whole[1] ?? ""] : undefined) as T;
    return value.replace(TEMPLATE, (_, name: string) =>
      Object.hasOwn(env, name) ? String(env[name]) : "",
    ) as T;
  }
  if (Array.isArray(value)) return value.map((item) => expandTemplates(item, env)) as T;
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, expandTemplates(item, env));
    return out as T;
  }
  return value;
}

/** A stand-in for a secret the app does not ship: long enough for an HS256 key. */
const placeholderSecret = (name: string): string =>
  `app-services-mock-placeholder-secret:${name}`.padEnd(32, "-");

function selectEnvironment(
  model: AppModel,
  requested: string | undefined,
): { tag: string; values: JsonObject } {
  const tag = requested ?? model.environment;
  const known = Object.keys(model.environments);
  if (requested !== undefined && requested !== "" && !Object.hasOwn(model.environments, requested)) {
    fail(
      { file: "environments", field: requested },
      `the app defines no environment "${requested}" (defined: ${known.map((k) => k || "no-environment").join(", ") || "none"})`,
    );
  }
  return { tag, values: model.environments[tag] ?? {} };
}

function mapCustomUserData(
  model: CustomUserDataModel,
  unsupported: string[],
): MockAppOptions["customUserData"] {
  if (!model.enabled) return undefined;
  if (model.onUserCreationFunction !== undefined) {
    unsupported.push(
      `${model.where.file}: ${at(model.where, "on_user_creation_function_name").field} (user creation functions do not run)`,
    );
  }
  return {
    serviceName: model.serviceName,
    database: model.database,
    collection: model.collection,
    userIdField: model.userIdField,
  };
}

/**
 * FIDELITY: plain values are decoded as relaxed EJSON (real exports write `{ "$numberInt": "0" }`), which the
 * spec leaves unconfirmed.
 */
function mapValues(
  values: readonly ValueModel[],
  secret: (name: string, where: Where) => string,
  env: JsonObject,
) {
  const out: Record<string, unknown> = {};
  for (const value of values) {
    if (value.fromSecret) setOwn(out, value.name, secret(String(value.value), at(value.where, "value")));
    else
      setOwn(
        out,
        value.name,
        EJSON.deserialize({ v: expandTemplates(value.value, env) }, { relaxed: true }).v,
      );
  }
  return out;
}

function mapFunctions(model: AppModel, settings: ToOptionsSettings, unsupported: string[]) {
  const sources = new Map<string, { source: string; file: string }>();
  for (const fn of model.functions) {
    if (sources.has(fn.name)) fail(at(fn.where, "name"), `the function "${fn.name}" is defined twice`);
    sources.set(fn.name, { source: fn.source, file: fn.file });
  }
  const sandbox = new FunctionSandbox({
    functions: sources,
    dependencies: model.dependencies,
    resolveFrom: model.resolveFrom ?? join(process.cwd(), "package.json"),
    logger: settings.logger,
    timeoutMs: settings.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS,
  });
  const functions: Record<string, FunctionDefinition> = {};
  for (const fn of model.functions) {
    if (fn.runAsUserId !== "" || fn.runAsUserIdScript !== "") {
      unsupported.push(
        `${fn.where.file}: ${fn.where.field ? `${fn.where.field}.` : ""}run_as_user_id (functions run as the caller)`,
      );
    }
    const canEvaluate = canEvaluateCheck(fn.canEvaluate);
    setOwn(functions, fn.name, {
      handler: sandbox.handler(fn.name),
      private: fn.private,
      runAsSystem: fn.runAsSystem,
      ...(canEvaluate ? { canEvaluate } : {}),
    });
  }
  return functions;
}

/** Builds the options; reports (or, when strict, refuses) every setting the kit does not emulate. */
export function toOptions(model: AppModel, settings: ToOptionsSettings): MockAppOptions {
  const unsupported = [...model.unsupported];
  const environment = selectEnvironment(model, settings.environment);
  const secrets = { ...model.secrets, ...settings.secrets };
  const secret = (name: string, where: Where): string => {
    if (Object.hasOwn(secrets, name)) return secrets[name] as string;
    unsupported.push(
      `${where.file}: ${where.field}: secret "${name}" has no value (a placeholder is used; pass loadAppConfig(source, { secrets: { "${name}": "…" } }))`,
    );
    return placeholderSecret(name);
  };
  const providers = mapProviders(
    model.providers.map((p): ProviderModel => expandTemplates(p, environment.values)),
    { functionNames: new Set(model.functions.map((f) => f.name)), secret, unsupported },
  );
  const services: string[] = [];
  const rules: Record<string, RulesOptions[string]> = {};
  for (const source of model.dataSources) {
    if (!MONGODB_SERVICE_TYPES.has(source.type)) {
      unsupported.push(`${source.where.file}: data source "${source.name}" of type "${source.type}"`);
      continue;
    }
    services.push(source.name);
    setOwn(rules, source.name, {
      ...(source.defaultRule ? { defaultRule: source.defaultRule } : {}),
      collections: source.collections,
    });
  }
  const customUserData = model.customUserData
    ? mapCustomUserData(expandTemplates(model.customUserData, environment.values), unsupported)
    : undefined;
  const options: MockAppOptions = {
    ...(model.clientAppId ? { id: model.clientAppId } : {}),
    providers,
    ...(customUserData ? { customUserData } : {}),
    functions: mapFunctions(model, settings, unsupported),
    values: mapValues(model.values, secret, environment.values),
    environment: { tag: environment.tag, values: environment.values },
    services,
    rules,
    ...(model.schemas.length > 0 ? { schemas: model.schemas } : {}),
    ...(model.graphql ? { graphql: model.graphql } : {}),
    ...(settings.functionTimeoutMs !== undefined ? { functionTimeoutMs: settings.functionTimeoutMs } : {}),
  };
  if (unsupported.length > 0) {
    const list = unsupported.map((entry) => `  - ${entry}`).join("\n");
    const message = `The app${model.name ? ` "${model.name}"` : ""} has settings app-services-mock does not emulate:\n${list}`;
    if (settings.strict)
      throw new Error(kitMessage(`${message}\n(strict mode: remove them or load without { strict: true })`));
    settings.logger.warn(message);
  }
  return options;
}
