// `npm run bench [-- vitest bench filters]`: runs the benchmarks, then prints each group's medians and ratios.
import { spawnSync } from "node:child_process";

const results = "bench/results.json";
const run = spawnSync(
  "npx",
  [
    "vitest",
    "bench",
    "--run",
    "--config",
    "vitest.bench.config.ts",
    "--outputJson",
    results,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
if (run.status !== 0) process.exit(run.status ?? 1);
const medians = spawnSync("node", ["scripts/bench-medians.mjs", results], { stdio: "inherit" });
process.exit(medians.status ?? 1);
