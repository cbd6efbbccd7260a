import { readFile, stat } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { consoleLogger, kitMessage, type Logger } from "../logger.js";
import type { MockAppOptions } from "../options.js";
import { isObject, parseJson } from "./config/fields.js";
import { AppFolder } from "./config/files.js";
import type { AppModel } from "./config/model.js";
import { readDirectory } from "./config/read-directory.js";
import { readLegacy } from "./config/read-legacy.js";
import { readSingleJson } from "./config/read-single-json.js";
import { toOptions } from "./config/to-options.js";

/** Options of `loadAppConfig`. */
export interface LoadAppConfigOptions {
  /**
   * The environment to load (`""`, `"development"`, `"testing"`, `"qa"`, `"production"`). Default: the one the
   * app's root config selects. It picks `context.environment` and the `%(%%environment.values.x)` templates.
   */
  environment?: string;
  /** Secret values by name (App Services never exports them); merged over a `secrets.json` the app ships. */
  secrets?: Readonly<Record<string, string>>;
  /** Refuse settings the kit does not emulate instead of warning about them. Default false. */
  strict?: boolean;
  /** Where the unsupported-settings warning and function `console` output go. Default: the console. */
  logger?: Logger;
  /**
   * Real-time limit of one function call in ms; also the vm limit of each synchronous stretch of function code.
   * Default 10 000 (`createMockApp`'s default). Passed on as `functionTimeoutMs`.
   */
  functionTimeoutMs?: number;
}

/** An exported app held in memory: the Admin API pull/push document or the realm-app-importer `AppConfig`. */
export type AppConfigObject = Readonly<Record<string, unknown>>;

function readFolder(root: string): AppModel {
  const folder = new AppFolder(root);
  if (folder.exists("root_config.json")) return readDirectory(folder, "root_config.json");
  if (folder.exists("realm_config.json")) return readDirectory(folder, "realm_config.json");
  if (folder.exists("stitch.json")) return readLegacy(folder, "stitch.json");
  if (folder.exists("config.json")) return readLegacy(folder, "config.json");
  throw new Error(
    kitMessage(
      `loadAppConfig: ${root} holds no App Services app (no root_config.json, realm_config.json, stitch.json or config.json).`,
    ),
  );
}

async function readSource(source: string | AppConfigObject): Promise<AppModel> {
  if (typeof source !== "string") {
    if (!isObject(source)) {
      throw new TypeError(
        kitMessage("loadAppConfig: expected a directory, a JSON file path or an app object."),
      );
    }
    return readSingleJson(source, "<app config object>");
  }
  const path = resolve(source);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new Error(kitMessage(`loadAppConfig: ${path} does not exist.`));
  if (info.isDirectory()) return readFolder(path);
  const file = basename(path);
  return readSingleJson(parseJson(await readFile(path, "utf8"), file), file);
}

function checkSettings(options: LoadAppConfigOptions): void {
  const { environment, secrets, functionTimeoutMs } = options;
  const bad = (what: string) => {
    throw new TypeError(kitMessage(`loadAppConfig: ${what}`));
  };
  if (environment !== undefined && typeof environment !== "string") bad("environment must be a string.");
  if (secrets !== undefined) {
    if (!isObject(secrets)) bad("secrets must be an object of strings.");
    for (const [name, value] of Object.entries(secrets ?? {})) {
      if (typeof value !== "string") bad(`secrets["${name}"] must be a string.`);
    }
  }
  if (functionTimeoutMs !== undefined && !(Number.isFinite(functionTimeoutMs) && functionTimeoutMs > 0)) {
    bad("functionTimeoutMs must be a positive number of milliseconds.");
  }
}

/**
 * Loads an exported App Services app into `createMockApp` options: providers, custom user data, functions (run
 * in a `node:vm` sandbox), values and secrets, the environment, data sources with their rules, schemas and
 * GraphQL settings. `source` is an app folder (`root_config.json`, `realm_config.json`, `stitch.json` or
 * `config.json` layouts), a single JSON file, or the same JSON as an object.
 *
 * ```ts
 * const mock = createMockApp({ ...(await loadAppConfig("./backend")), users });
 * ```
 */
export async function loadAppConfig(
  source: string | AppConfigObject,
  options: LoadAppConfigOptions = {},
): Promise<MockAppOptions> {
  checkSettings(options);
  const model = await readSource(source);
  const loaded = toOptions(model, {
    environment: options.environment,
    secrets: options.secrets ?? {},
    strict: options.strict === true,
    logger: options.logger ?? consoleLogger,
    functionTimeoutMs: options.functionTimeoutMs,
  });
  return options.logger ? { ...loaded, logger: options.logger } : loaded;
}
