import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppConfigError, loadAppConfig } from "app-services-mock/node";
import { describe, expect, it, vi } from "vitest";

/** Writes an app folder: JSON for objects and arrays, text for strings. */
function appDir(files: Record<string, unknown>): string {
  const root = mkdtempSync(join(tmpdir(), "asm-load-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return root;
}

const quiet = () => ({ warn: vi.fn(), log: vi.fn() });
const base = {
  "root_config.json": { name: "demo", environment: "" },
  "auth/providers.json": { "anon-user": { name: "anon-user", type: "anon-user", disabled: false } },
};
const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
};

describe("values, secrets and environments", () => {
  const dir = appDir({
    ...base,
    "root_config.json": { name: "demo", environment: "development" },
    "auth/providers.json": {
      "local-userpass": {
        name: "local-userpass",
        type: "local-userpass",
        config: { autoConfirm: false, emailConfirmationUrl: "%(%%environment.values.baseUrl)/confirm" },
      },
      "custom-token": {
        name: "custom-token",
        type: "custom-token",
        config: { audience: ["demo"], signingAlgorithm: "HS256", useJWKURI: false },
        secret_config: { signingKeys: ["jwtKey"] },
        metadata_fields: [{ required: true, name: "user.email", field_name: "email" }],
      },
    },
    "environments/no-environment.json": { values: { baseUrl: "http://localhost" } },
    "environments/development.json": { values: { baseUrl: "https://dev.example" } },
    "environments/production.json": { values: { baseUrl: "https://example.com" } },
    "values/limits.json": {
      name: "limits",
      from_secret: false,
      value: { max: { $numberInt: "5" }, at: { $date: "2024-01-01T00:00:00Z" } },
    },
    "values/apiKey.json": { name: "apiKey", from_secret: true, value: "apiKeySecret" },
    "secrets.json": { jwtKey: "k".repeat(32), apiKeySecret: "from-secrets-json" },
  });

  it("selects the root config's environment, expands templates and decodes EJSON values", async () => {
    const options = await loadAppConfig(dir, { logger: quiet() });
    expect(options.environment).toEqual({ tag: "development", values: { baseUrl: "https://dev.example" } });
    expect(options.providers?.["local-userpass"]).toEqual({
      autoConfirm: false,
      emailConfirmationUrl: "https://dev.example/confirm",
    });
    expect(options.values).toEqual({
      limits: { max: 5, at: new Date("2024-01-01T00:00:00Z") },
      apiKey: "from-secrets-json",
    });
    expect(options.providers?.["custom-token"]).toEqual({
      signingAlgorithm: "HS256",
      signingKeys: ["k".repeat(32)],
      audience: ["demo"],
      metadataFields: [{ name: "user.email", fieldName: "email", required: true }],
    });
  });

  it("takes another environment and secrets given to the loader", async () => {
    const options = await loadAppConfig(dir, {
      environment: "production",
      secrets: { apiKeySecret: "given" },
      logger: quiet(),
    });
    expect(options.environment?.tag).toBe("production");
    expect(options.providers?.["local-userpass"]).toMatchObject({
      emailConfirmationUrl: "https://example.com/confirm",
    });
    expect(options.values?.apiKey).toBe("given");
    const none = await loadAppConfig(dir, { environment: "", logger: quiet() });
    expect(none.environment).toEqual({ tag: "", values: { baseUrl: "http://localhost" } });
  });

  it("refuses an environment the app does not define", async () => {
    const error = await rejection(loadAppConfig(dir, { environment: "qa", logger: quiet() }));
    expect(error).toBeInstanceOf(AppConfigError);
    expect(error.message).toContain('environments: qa: the app defines no environment "qa"');
  });

  it("uses a reported placeholder for a secret it was not given", async () => {
    const logger = quiet();
    const options = await loadAppConfig(
      appDir({ ...base, "values/token.json": { name: "token", from_secret: true, value: "tokenSecret" } }),
      { logger },
    );
    expect(options.values?.token).toMatch(/^app-services-mock-placeholder-secret:tokenSecret/);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]?.[0]).toContain(
      'values/token.json: value: secret "tokenSecret" has no value (a placeholder is used',
    );
  });
});

describe("unsupported settings", () => {
  const dir = appDir({
    ...base,
    "root_config.json": { name: "demo", allowed_request_origins: ["http://localhost:8080"] },
    "auth/providers.json": {
      "custom-token": {
        name: "custom-token",
        type: "custom-token",
        config: { useJWKURI: true, jwkURI: "https://example.com/jwks" },
        secret_config: { signingKeys: [] },
      },
      "oauth2-google": {
        name: "oauth2-google",
        type: "oauth2-google",
        config: { clientId: "x" },
        domain_restrictions: ["example.com"],
      },
      "custom-saml": { name: "custom-saml", type: "custom-saml" },
    },
    "auth/custom_user_data.json": {
      enabled: true,
      mongo_service_name: "mongodb-atlas",
      database_name: "app",
      collection_name: "users",
      user_id_field: "user_id",
      on_user_creation_function_name: "onCreate",
    },
    "functions/config.json": [{ name: "onCreate", run_as_user_id: "65a000000000000000000001" }],
    "functions/onCreate.js": "exports = () => {};",
    "triggers/onInsert.json": { name: "onInsert", type: "DATABASE" },
    "https_endpoints/config.json": [{ route: "/hook", http_method: "POST", function_name: "onCreate" }],
    "log_forwarders/splunk.json": { name: "splunk" },
    "sync/config.json": { type: "flexible", state: "enabled" },
    "data_sources/lake/config.json": { name: "lake", type: "datalake" },
  });
  const expected = [
    "root_config.json: allowed_request_origins",
    "triggers/onInsert.json: triggers do not run",
    "https_endpoints/config.json: custom HTTPS endpoints",
    "log_forwarders/splunk.json: log forwarding",
    "sync/config.json: Device Sync",
    "auth/providers.json: custom-token.config.useJWKURI",
    "auth/providers.json: oauth2-google.domain_restrictions",
    'auth/providers.json: custom-saml (provider type "custom-saml")',
    'data_sources/lake/config.json: data source "lake" of type "datalake"',
    "auth/custom_user_data.json: on_user_creation_function_name",
    "functions/config.json: [0].run_as_user_id",
  ];

  it("are reported in one warning naming each of them", async () => {
    const logger = quiet();
    const options = await loadAppConfig(dir, { logger });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    const message = String(logger.warn.mock.calls[0]?.[0]);
    expect(message.startsWith('The app "demo" has settings app-services-mock does not emulate:')).toBe(true);
    for (const entry of expected) expect(message).toContain(entry);
    expect(options.services).toEqual([]);
    expect(options.providers?.["custom-token"]).toMatchObject({ signingAlgorithm: "HS256" });
  });

  it("are refused in strict mode", async () => {
    const logger = quiet();
    const error = await rejection(loadAppConfig(dir, { strict: true, logger }));
    for (const entry of expected) expect(error.message).toContain(entry);
    expect(error.message).toContain("strict mode");
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("leave a clean app silent, strict or not", async () => {
    const logger = quiet();
    await loadAppConfig(appDir(base), { strict: true, logger });
    expect(logger.warn).not.toHaveBeenCalled();
  });
});

describe("config errors name the file and the field", () => {
  it.each([
    [
      "an unknown signing algorithm",
      {
        "auth/providers.json": {
          "custom-token": {
            name: "custom-token",
            type: "custom-token",
            config: { signingAlgorithm: "ES999" },
            secret_config: { signingKeys: ["k"] },
          },
        },
      },
      'auth/providers.json: custom-token.config.signingAlgorithm: expected "HS256" or "RS256", got "ES999"',
    ],
    [
      "a confirmation function that does not exist",
      {
        "auth/providers.json": {
          "local-userpass": {
            name: "local-userpass",
            type: "local-userpass",
            config: { runConfirmationFunction: true, confirmationFunctionName: "confirm" },
          },
        },
      },
      'auth/providers.json: local-userpass.config.confirmationFunctionName: no function named "confirm" (functions: none)',
    ],
    [
      "a provider without a type",
      { "auth/providers.json": { anon: { name: "anon" } } },
      "auth/providers.json: anon.type: expected a non-empty string, got undefined",
    ],
    [
      "a configured function without a source",
      { "functions/config.json": [{ name: "ghost" }] },
      'functions/config.json: [0].name: no source file functions/ghost.js for function "ghost"',
    ],
    [
      "a secret value whose secret name is not a string",
      { "values/key.json": { name: "key", from_secret: true, value: 42 } },
      "values/key.json: value: a value with from_secret names its secret: expected a string",
    ],
    [
      "an empty rules file",
      {
        "data_sources/mongodb-atlas/config.json": { name: "mongodb-atlas", type: "mongodb-atlas" },
        "data_sources/mongodb-atlas/app/items/rules.json": {},
      },
      "data_sources/mongodb-atlas/app/items/rules.json: a rules file must not be empty",
    ],
    [
      "a role without a name",
      {
        "data_sources/mongodb-atlas/default_rule.json": { roles: [{ apply_when: {} }] },
      },
      "data_sources/mongodb-atlas/default_rule.json: roles[0].name: expected a non-empty string",
    ],
    [
      "a custom resolver naming no function",
      {
        "graphql/custom_resolvers/query_total.json": {
          field_name: "total",
          on_type: "Query",
          function_name: "computeTotal",
        },
      },
      'graphql/custom_resolvers/query_total.json: function_name: no function named "computeTotal"',
    ],
    [
      "invalid JSON",
      { "auth/custom_user_data.json": "{ enabled: true" },
      "auth/custom_user_data.json: invalid JSON:",
    ],
    [
      "enabled custom user data without a collection",
      { "auth/custom_user_data.json": { enabled: true, database_name: "app", user_id_field: "id" } },
      "auth/custom_user_data.json: collection_name: expected a non-empty string",
    ],
  ])("%s", async (_, files, message) => {
    const error = await rejection(loadAppConfig(appDir({ ...base, ...files }), { logger: quiet() }));
    expect(error).toBeInstanceOf(AppConfigError);
    expect(error.message).toContain(`[app-services-mock] ${message}`);
  });

  it("in single JSON, naming the file and the path inside it", async () => {
    const root = appDir({
      "app.json": { name: "x", auth_providers: [{ name: "anon-user", type: "anon-user" }, { name: "bad" }] },
    });
    const error = await rejection(loadAppConfig(join(root, "app.json"), { logger: quiet() }));
    expect(error.message).toContain("app.json: auth_providers[1].type: expected a non-empty string");
    const inline = await rejection(
      loadAppConfig({ name: "x", authProviders: [], functions: [{ name: "f" }] }),
    );
    expect(inline.message).toContain(
      "<app config object>: functions[0].source: expected the function's source code",
    );
  });
});

describe("layouts", () => {
  it("detects stitch.json (20180301) and realm_config.json (20210101) folders", async () => {
    const stitch = await loadAppConfig(
      appDir({
        "stitch.json": { name: "old", app_id: "old-abcde" },
        "auth_providers/anon-user.json": { name: "anon-user", type: "anon-user", disabled: false },
        "functions/hello/config.json": { name: "hello", private: true },
        "functions/hello/source.js": "exports = () => 'hi';",
        "services/mongodb-atlas/config.json": { name: "mongodb-atlas", type: "mongodb", config: {} },
        "services/mongodb-atlas/rules/app.items.json": { database: "app", collection: "items", roles: [] },
        "services/twilio/config.json": { name: "twilio", type: "twilio" },
      }),
      { logger: quiet() },
    );
    expect(stitch).toMatchObject({
      id: "old-abcde",
      providers: { "anon-user": true },
      functions: { hello: { private: true, runAsSystem: false } },
      services: ["mongodb-atlas"],
      rules: {
        "mongodb-atlas": { collections: [{ database: "app", collection: "items", roles: [], filters: [] }] },
      },
    });
    const v2 = await loadAppConfig(
      appDir({
        "realm_config.json": { app_id: "v2-abcde", config_version: 20210101, name: "v2", environment: "qa" },
        "auth/providers.json": {},
        "environments/qa.json": { values: { flag: true } },
        "functions/config.json": [],
        "functions/nested/sum.js": "exports = (a, b) => a + b;",
      }),
      { logger: quiet() },
    );
    expect(v2).toMatchObject({
      id: "v2-abcde",
      providers: {},
      environment: { tag: "qa", values: { flag: true } },
      functions: { "nested/sum": { private: false } },
    });
  });
});

describe("hostile names", () => {
  it("stay own keys: nothing reaches Object.prototype or changes a prototype", async () => {
    const raw = JSON.parse(`{
      "name": "x",
      "auth_providers": [],
      "values": [{ "name": "__proto__", "value": { "polluted": true } }],
      "functions": [{ "name": "__proto__", "private": false, "source": "exports = () => 1;" }],
      "environments": { "values": { "__proto__": { "values": { "polluted": true } } } },
      "data_sources": [{ "name": "__proto__", "type": "mongodb-atlas", "rules": [] }]
    }`);
    const options = await loadAppConfig(raw, { logger: quiet() });
    for (const record of [options.values, options.functions, options.rules]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
      expect(Object.hasOwn(record ?? {}, "__proto__")).toBe(true);
    }
    expect(Object.getOwnPropertyDescriptor(options.values, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("inputs", () => {
  it("are validated with clear messages", async () => {
    expect((await rejection(loadAppConfig("/no/such/app"))).message).toContain("/no/such/app does not exist");
    expect((await rejection(loadAppConfig(appDir({ "README.md": "hi" })))).message).toContain(
      "holds no App Services app (no root_config.json, realm_config.json, stitch.json or config.json)",
    );
    expect((await rejection(loadAppConfig(42 as never))).message).toContain(
      "expected a directory, a JSON file path or an app object",
    );
    expect((await rejection(loadAppConfig(appDir(base), { secrets: { a: 1 } as never }))).message).toContain(
      'secrets["a"] must be a string',
    );
    expect((await rejection(loadAppConfig(appDir(base), { functionTimeoutMs: -1 }))).message).toContain(
      "functionTimeoutMs must be a positive number",
    );
  });
});

describe("single-JSON shapes", () => {
  it("reads the realm-app-importer AppConfig: camelCase, tuples of service and default rules, secrets", async () => {
    const options = await loadAppConfig(
      {
        name: "importer",
        secrets: { "jwt-key": "s".repeat(40) },
        values: { demoPin: "1234" },
        authProviders: [
          { name: "anon-user", type: "anon-user", disabled: false },
          {
            name: "custom-token",
            type: "custom-token",
            disabled: false,
            config: { audience: "", signingAlgorithm: "HS256", useJWKURI: false },
            secret_config: { signingKeys: ["jwt-key"] },
            metadata_fields: [],
          },
        ],
        functions: [{ name: "hello", private: false, source: "exports = () => 'hi';" }],
        services: [
          [
            { name: "mongodb", type: "mongodb", config: {} },
            [
              {
                roles: [{ name: "all", apply_when: {}, read: true, write: true, insert: true, delete: true }],
              },
            ],
          ],
        ],
      },
      { logger: quiet() },
    );
    expect(options.providers).toEqual({
      "anon-user": true,
      "custom-token": { signingAlgorithm: "HS256", signingKeys: ["s".repeat(40)], metadataFields: [] },
    });
    expect(options.values).toEqual({ demoPin: "1234" });
    expect(options.services).toEqual(["mongodb"]);
    expect(options.rules).toEqual({
      mongodb: {
        defaultRule: {
          roles: [{ name: "all", apply_when: {}, read: true, write: true, insert: true, delete: true }],
          filters: [],
        },
        collections: [],
      },
    });
  });

  it("reads the Admin API pull document's environments and schemas", async () => {
    const options = await loadAppConfig(
      {
        name: "pulled",
        environment: "qa",
        auth_providers: [],
        environments: { values: { none: { values: { n: 0 } }, qa: { values: { n: 1 } } } },
        schemas: [
          {
            metadata: { data_source: "mongodb-atlas", database: "app", collection: "items" },
            schema: { bsonType: "object", properties: { _id: { bsonType: "objectId" } } },
          },
        ],
        data_sources: [{ name: "mongodb-atlas", type: "mongodb-atlas", config: {}, rules: [] }],
      },
      { logger: quiet() },
    );
    expect(options.environment).toEqual({ tag: "qa", values: { n: 1 } });
    expect(options.schemas).toEqual([
      {
        service: "mongodb-atlas",
        database: "app",
        collection: "items",
        schema: { bsonType: "object", properties: { _id: { bsonType: "objectId" } } },
      },
    ]);
  });
});

describe("what the rules and GraphQL engines get from the shipped app", () => {
  it("reads every rules file, schema, relationship and custom resolver", async () => {
    const options = await loadAppConfig("fixtures/apps/task-tracker", {
      logger: quiet(),
      secrets: { weatherApiKeySecret: "k" },
    });
    const rules = options.rules?.["mongodb-atlas"];
    expect(rules?.defaultRule?.roles?.map((r) => r.name)).toEqual(["readOnly"]);
    expect(rules?.collections?.map((c) => [c.database, c.collection, c.roles?.map((r) => r.name)])).toEqual([
      ["tracker", "audit", ["noClientAccess"]],
      ["tracker", "profiles", ["self", "member"]],
      ["tracker", "tasks", ["owner", "sharedWith"]],
    ]);
    expect(options.schemas?.map((s) => `${s.service}/${s.database}/${s.collection}`)).toEqual([
      "mongodb-atlas/tracker/audit",
      "mongodb-atlas/tracker/profiles",
      "mongodb-atlas/tracker/tasks",
    ]);
    expect(options.schemas?.[2]?.relationships).toEqual({
      owner_id: {
        ref: "#/relationship/mongodb-atlas/tracker/profiles",
        source_key: "owner_id",
        foreign_key: "user_id",
        is_list: false,
      },
    });
    expect(options.graphql).toEqual({
      use_natural_pluralization: true,
      disable_schema_introspection: false,
      custom_resolvers: [
        expect.objectContaining({
          field_name: "taskSummary",
          on_type: "Query",
          function_name: "taskSummary",
        }),
      ],
    });
  });
});
