import { parseArgs } from "node:util";
import { parseFixtureText } from "../../fixtures/load.js";
import { validateData, validateUsers } from "../../fixtures/validate.js";
import { isPlainObject } from "../mongodb/index.js";
import type { MockAppOptions } from "../options.js";
import { readTextFile } from "./fixture-files.js";

/** A bad command line: the CLI prints the message and the usage, and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `Usage: app-services-mock serve [options]

Serves a mock App Services app over HTTP, for realm-web in a browser, in another process or under any runner.
With no app options it serves the embedded demo app.

Options:
  --host HOST       interface to listen on (default 127.0.0.1)
  --port N          port (default 9090; 0 picks a free one)
  --app DIR|FILE    an exported App Services app (needs app loading, loadAppConfig)
  --config FILE     createMockApp options as JSON (relaxed EJSON): id, users, data, providers, values, …
  --users FILE      seed users (fixture file format: an EJSON array of users)
  --data FILE       seed documents (fixture file format: { service: { database: { collection: [docs] } } })
  --seed N          the demo app's generated fixture data (default 1)
  --persist FILE    load users and collections from FILE when it exists, write them back on exit
  -h, --help        this text`;

/** What the command line asks for. */
export interface ServeArgs {
  readonly host: string;
  readonly port: number;
  readonly app?: string;
  readonly config?: string;
  readonly users?: string;
  readonly data?: string;
  readonly seed: number;
  readonly persist?: string;
  readonly help: boolean;
}

function integer(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer from 0 to ${max}, got "${text}".`);
  }
  return Number(text);
}

/** Parses `serve`'s arguments (the command name included, or left out). */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const [command, ...rest] = argv;
  const args = command === undefined || command.startsWith("-") ? argv : rest;
  if (command !== undefined && !command.startsWith("-") && command !== "serve") {
    throw new UsageError(`Unknown command "${command}".`);
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        app: { type: "string" },
        config: { type: "string" },
        users: { type: "string" },
        data: { type: "string" },
        seed: { type: "string" },
        persist: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  if (text("app") !== undefined && text("config") !== undefined) {
    throw new UsageError("Give --app or --config, not both.");
  }
  if (text("host") === "") throw new UsageError("--host must not be empty.");
  return {
    host: text("host") ?? "127.0.0.1",
    port: integer("port", text("port"), 9090, 65535),
    seed: integer("seed", text("seed"), 1, 2 ** 31),
    help: values.help === true,
    ...Object.fromEntries(
      ["app", "config", "users", "data", "persist"].flatMap((k) =>
        text(k) === undefined ? [] : [[k, text(k)]],
      ),
    ),
  };
}

/** The `createMockApp` options a config file may hold: plain data only (functions cannot be written in JSON). */
const configKeys = new Set([
  "id",
  "baseUrl",
  "users",
  "data",
  "tokens",
  "idSeed",
  "customUserData",
  "providers",
  "values",
  "functionTimeoutMs",
  "services",
  "mongodb",
  "rules",
  "schemas",
  "graphql",
]);

/** Reads an EJSON file named by an option; a missing or malformed file is a usage error. */
function readEjsonFile(option: string, path: string): { value: unknown; source: string } {
  try {
    const { text, source } = readTextFile(path, `${option} file`);
    return { value: parseFixtureText(text, source), source };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function validated<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--config FILE`: JSON `createMockApp` options, their users and data validated like fixture files. */
export function readConfigFile(path: string): MockAppOptions {
  const { value, source } = readEjsonFile("--config", path);
  if (!isPlainObject(value))
    throw new UsageError(`--config file "${source}" must hold a JSON object of options.`);
  const unknown = Object.keys(value).filter((k) => !configKeys.has(k));
  if (unknown.length > 0) {
    throw new UsageError(
      `--config file "${source}" has unknown option(s) ${unknown.map((k) => `"${k}"`).join(", ")}; allowed: ${[...configKeys].join(", ")}.`,
    );
  }
  if (value.users !== undefined) validated(() => validateUsers(value.users, source));
  if (value.data !== undefined) validated(() => validateData(value.data, source));
  return value as MockAppOptions;
}

/** `--users FILE`. */
export function readUsersOption(path: string): MockAppOptions["users"] {
  const { value, source } = readEjsonFile("--users", path);
  return validated(() => validateUsers(value, source));
}

/** `--data FILE`. */
export function readDataOption(path: string): MockAppOptions["data"] {
  const { value, source } = readEjsonFile("--data", path);
  return validated(() => validateData(value, source));
}

/** `--persist FILE` at start: `{ users, data }` as written on exit, validated. */
export function readPersistFile(path: string): Pick<MockAppOptions, "users" | "data"> {
  const { value, source } = readEjsonFile("--persist", path);
  if (!isPlainObject(value)) throw new UsageError(`--persist file "${source}" must hold { users, data }.`);
  return {
    users: validated(() => validateUsers(value.users ?? [], source)),
    data: validated(() => validateData(value.data ?? {}, source)),
  };
}
