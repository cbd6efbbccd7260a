import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isObject, type JsonObject, parseJson, type Where } from "./fields.js";

/** Reading an app folder: paths in messages are relative to the app's root, with forward slashes. */
export class AppFolder {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  path(rel: string): string {
    return join(this.root, ...rel.split("/"));
  }

  exists(rel: string): boolean {
    return existsSync(this.path(rel));
  }

  isDirectory(rel: string): boolean {
    return this.exists(rel) && statSync(this.path(rel)).isDirectory();
  }

  text(rel: string): string {
    return readFileSync(this.path(rel), "utf8");
  }

  /** A JSON file (undefined when absent), with where it is for messages. */
  json(rel: string): { raw: unknown; where: Where } | undefined {
    if (!this.exists(rel)) return undefined;
    return { raw: parseJson(this.text(rel), rel), where: { file: rel, field: "" } };
  }

  /** A JSON file that must hold an object, or undefined when absent. */
  jsonObject(rel: string): { raw: JsonObject; where: Where } | undefined {
    const file = this.json(rel);
    if (file === undefined) return undefined;
    if (!isObject(file.raw)) return undefined;
    return { raw: file.raw, where: file.where };
  }

  /** Entry names of a folder, sorted (none when absent). */
  list(rel: string, filter: "files" | "dirs" = "files"): string[] {
    if (!this.isDirectory(rel)) return [];
    return readdirSync(this.path(rel), { withFileTypes: true })
      .filter((entry) => (filter === "dirs" ? entry.isDirectory() : entry.isFile()))
      .map((entry) => entry.name)
      .sort();
  }

  /** Every file below a folder (relative to it), skipping `node_modules`. */
  walk(rel: string, prefix = ""): string[] {
    const out: string[] = [];
    for (const dir of this.list(rel, "dirs")) {
      if (dir !== "node_modules") out.push(...this.walk(`${rel}/${dir}`, `${prefix}${dir}/`));
    }
    for (const file of this.list(rel)) out.push(`${prefix}${file}`);
    return out;
  }
}

/** `true` when any of these JSON values says something (a non-empty array or object, or `true`). */
export const meaningful = (value: unknown): boolean =>
  value === true ||
  (Array.isArray(value) && value.length > 0) ||
  (isObject(value) && Object.keys(value).length > 0);
