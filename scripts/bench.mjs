// `npm run bench [-- --sizes=1000,10000,100000 --rounds=12 --batch=20]`: the kit against its floor, interleaved in
// one process (bench/side-by-side.ts); prints a Markdown table and writes bench/results.json.
// `npm run bench -- --micro [vitest bench filters]`: the component benchmarks in bench/*.bench.ts instead.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const micro = args.includes("--micro");
const run = micro
  ? spawnSync(
      "npx",
      [
        "vitest",
        "bench",
        "--run",
        "--config",
        "vitest.bench.config.ts",
        "--outputJson",
        "bench/micro-results.json",
        ...args.filter((a) => a !== "--micro"),
      ],
      { stdio: "inherit" },
    )
  : spawnSync("npx", ["tsx", "bench/run.ts", ...args], { stdio: "inherit" });
if (run.status !== 0 || !micro) process.exit(run.status ?? 1);
const medians = spawnSync("node", ["scripts/bench-medians.mjs", "bench/micro-results.json"], {
  stdio: "inherit",
});
process.exit(medians.status ?? 1);
