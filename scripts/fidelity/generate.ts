import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { routeClaims, sdkClaims } from "../../test/fidelity/registry.js";
import { buildTable, type FidelityInput, type FidelityTable } from "./build-table.js";
import { readDeviations, renderDoc, renderSummary, withSummary } from "./render.js";
import { readRouteRows } from "./route-rows.js";
import { readSdkStubs, readSdkSurface } from "./sdk-surface.js";
import { indexTests } from "./test-index.js";

/** The row of requests no route takes (the pipeline's 501). */
export const FALLBACK_ROUTE = "* any other path";

export interface FidelityOutput {
  readonly table: FidelityTable;
  readonly doc: string;
  readonly readme: string;
}

/** Everything the table derives from: realm-web's declarations, the route table, the tests, the registry. */
export function readFidelityInput(root: string, readme: string): FidelityInput {
  return {
    root,
    members: readSdkSurface(root),
    stubs: readSdkStubs(root),
    routes: [...readRouteRows().map((r) => r.id), FALLBACK_ROUTE],
    tests: indexTests(root, ["test", "examples"]),
    sdkClaims,
    routeClaims,
    deviations: readDeviations(readme),
  };
}

/** Builds the table and renders `docs/fidelity.md` and the README with its summary block. */
export function generateFidelity(root: string): FidelityOutput {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const table = buildTable(readFidelityInput(root, readme));
  return { table, doc: renderDoc(table), readme: withSummary(readme, renderSummary(table)) };
}

// `npm run docs:fidelity`: write both files; list the problems and exit 1 if there are any.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, "/"))) {
  const started = performance.now();
  const root = process.cwd();
  const { table, doc, readme } = generateFidelity(root);
  writeFileSync(join(root, "docs/fidelity.md"), doc);
  writeFileSync(join(root, "README.md"), readme);
  const ms = Math.round(performance.now() - started);
  console.log(`docs/fidelity.md: ${table.rows.length} rows in ${ms} ms`);
  for (const problem of table.problems) console.error(`  problem: ${problem}`);
  if (table.problems.length > 0) process.exitCode = 1;
}
