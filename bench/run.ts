// `npm run bench`: the side-by-side suite at full size; prints a Markdown table and writes bench/results.json.
// Options: --sizes=1000,10000,100000 --rounds=12 --batch=20 --only=find,count (scenarios whose name contains one)
import { writeFileSync } from "node:fs";
import { cpus, release, type } from "node:os";
import { runBench } from "./side-by-side.js";

const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const options = {
  sizes: arg("sizes", "1000,10000,100000").split(",").map(Number),
  rounds: Number(arg("rounds", "12")),
  batch: Number(arg("batch", "20")),
  only: arg("only", "").split(","),
};
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${type()} ${release()}, Node ${process.version}`;
const results = await runBench(options);
const ms = (value: number) => value.toFixed(3);
console.log(`\n${machine}\n`);
console.log("| scenario | kit median / p95 (ms) | floor median / p95 (ms) | kit / floor [spread] |");
console.log("|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.name} | ${ms(r.kit.median)} / ${ms(r.kit.p95)} | ${ms(r.floor.median)} / ${ms(r.floor.p95)} | ` +
      `${r.ratio.median.toFixed(2)}× [${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}] |`,
  );
}
const out = process.env.BENCH_OUT ?? "bench/results.json";
writeFileSync(
  out,
  `${JSON.stringify({ machine, date: new Date().toISOString(), options, results }, null, 2)}\n`,
);
console.log(`\nwritten: ${out}`);
