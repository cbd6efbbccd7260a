import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDataText, parseUsersText } from "../../fixtures/load.js";
import type { SeedData, SeedUser } from "../seed.js";

// Paths resolve from this file: `src/node/` in the repository and `dist/src/node/` in the package, both two
// levels under the folder that holds `fixtures/data/`.

/** Absolute path of the bundled users file (`fixtures/data/users.json`, relaxed EJSON array of `SeedUser`). */
export const bundledUsersFile: string = fileURLToPath(
  new URL("../../fixtures/data/users.json", import.meta.url),
);

/** Absolute path of the bundled todos file (`fixtures/data/todos.json`, relaxed EJSON `SeedData`). */
export const bundledTodosFile: string = fileURLToPath(
  new URL("../../fixtures/data/todos.json", import.meta.url),
);

/** Reads a text file for a fixture or option loader; the error names the file. */
export function readTextFile(path: string | URL, what = "fixture file"): { text: string; source: string } {
  const source = typeof path === "string" ? path : fileURLToPath(path);
  try {
    return { text: readFileSync(source, "utf8"), source };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Failed to read ${what} "${source}": ${reason}`);
  }
}

/** Reads (synchronously) and validates an EJSON file holding an array of `SeedUser`. */
export function loadUsersFile(path: string | URL): SeedUser[] {
  const { text, source } = readTextFile(path);
  return parseUsersText(text, source);
}

/** Reads (synchronously) and validates an EJSON file holding `SeedData`. */
export function loadDataFile(path: string | URL): SeedData {
  const { text, source } = readTextFile(path);
  return parseDataText(text, source);
}
