import { readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, sep } from "node:path";
import vm from "node:vm";
import { BUILTIN_MODULES_SOURCE } from "./builtin-modules-source.js";
import type { SandboxOptions } from "./sandbox.js";

/** Node's harmless built-ins, provided inside the sandbox by `builtin-modules-source.ts`. */
export const SANDBOX_BUILTINS = ["assert", "buffer", "crypto", "events", "path", "url", "util"] as const;

const DYNAMIC_IMPORT = /(?<![\w$.])import\s*(?:\/\*[\s\S]*?\*\/\s*)*\(/;
const kitRequire = createRequire(import.meta.url);
const fileCache = new Map<string, string>();

const readSource = (path: string): string => {
  let text = fileCache.get(path);
  if (text === undefined) {
    text = readFileSync(path, "utf8");
    fileCache.set(path, text);
  }
  return text;
};

/** The message of an error from either realm (a sandbox error is no `instanceof Error` here). */
export const messageOf = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : String(error);
};

/** A request the host refuses; its message reaches function code as the message of a sandbox error. */
export class Refusal extends Error {}

const refuseDynamicImport = (source: string, file: string): void => {
  if (DYNAMIC_IMPORT.test(source)) {
    throw new Refusal(
      `${file}: import() is not available in app-services-mock's function sandbox; use require()`,
    );
  }
};

/**
 * Finds and compiles code for one sandbox: function sources, the built-in modules, and the npm packages function
 * code may require (resolved on the host, compiled into the sandbox's realm). Only installed packages are read.
 */
export class SandboxCompiler {
  readonly #context: vm.Context;
  readonly #options: SandboxOptions;
  readonly #compilable = new Set<string>();

  constructor(context: vm.Context, options: SandboxOptions) {
    this.#context = context;
    this.#options = options;
  }

  builtins(): unknown {
    return vm.compileFunction(BUILTIN_MODULES_SOURCE, ["factories", "kit"], {
      parsingContext: this.#context,
      filename: "app-services-mock:builtins",
    });
  }

  resolve(from: unknown, name: string, kit: boolean): { path: string; dir: string; json?: unknown } {
    if (kit) return this.#resolved(kitRequire.resolve(builtinModules.includes(name) ? `${name}/` : name));
    const bare = name.startsWith("node:") ? name.slice(5) : name;
    if (builtinModules.includes(bare) || name.startsWith("node:")) {
      throw new Refusal(
        `require("${name}"): the "${bare}" module is not available in app-services-mock's function sandbox ` +
          `(available built-ins: ${SANDBOX_BUILTINS.join(", ")})`,
      );
    }
    if (typeof from !== "string") {
      const packageName = bare.startsWith("@") ? bare.split("/").slice(0, 2).join("/") : bare.split("/")[0];
      if (!this.#options.dependencies.includes(packageName ?? "")) {
        throw new Refusal(
          `require("${name}"): "${packageName}" is not a dependency in functions/package.json`,
        );
      }
    }
    let path: string;
    try {
      path = createRequire(typeof from === "string" ? from : this.#options.resolveFrom).resolve(name);
    } catch {
      throw new Refusal(`require("${name}"): the package is not installed in the test project`);
    }
    if (!path.includes(`${sep}node_modules${sep}`)) {
      throw new Refusal(`require("${name}"): only installed npm packages can be required`);
    }
    if (path.endsWith(".mjs")) {
      throw new Refusal(`require("${name}"): ES modules cannot be loaded in the function sandbox`);
    }
    return this.#resolved(path);
  }

  #resolved(path: string): { path: string; dir: string; json?: unknown } {
    if (path.endsWith(".json")) return { path, dir: dirname(path), json: JSON.parse(readSource(path)) };
    this.#compilable.add(path);
    return { path, dir: dirname(path) };
  }

  compileModule(path: string): unknown {
    if (!this.#compilable.has(path)) throw new Refusal("this module was not resolved");
    const source = readSource(path);
    refuseDynamicImport(source, path);
    return vm.compileFunction(source, ["exports", "require", "module", "__filename", "__dirname"], {
      parsingContext: this.#context,
      filename: path,
    });
  }

  compileFunction(name: string): unknown {
    const fn = this.#options.functions.get(name);
    if (fn === undefined) throw new Refusal(`no source for function '${name}'`);
    refuseDynamicImport(fn.source, fn.file);
    try {
      return vm.compileFunction(
        `${fn.source}\n;return exports;`,
        ["exports", "module", "require", "context"],
        {
          parsingContext: this.#context,
          filename: fn.file,
        },
      );
    } catch (error) {
      throw new Refusal(`${fn.file}: ${messageOf(error)}`);
    }
  }
}
