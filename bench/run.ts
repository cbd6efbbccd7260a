// `npm run bench`: the side-by-side suite at full size; prints a Markdown table and writes bench/results.json.
// Options: --sizes=1000,10000,100000 --rounds=12 --batch=20 --only=find,count (scenarios whose name contains one)
//          --readme (replace the README's table between <!-- bench:table --> markers with this run's)
import { readFileSync, writeFileSync } from "node:fs";
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
const ms = (value: number) => (value < 0.1 ? value.toFixed(4) : value.toFixed(2));
const table = [
  "| Scenario | Kit median / p95 (ms) | Floor median / p95 (ms) | Kit / floor [spread] |",
  "|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${ms(r.kit.median)} / ${ms(r.kit.p95)} | ${ms(r.floor.median)} / ${ms(r.floor.p95)} | ` +
      `${r.ratio.median.toFixed(2)}× [${r.ratio.min.toFixed(2)}–${r.ratio.max.toFixed(2)}] |`,
  ),
].join("\n");
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
console.log(`\n${machine}\n\n${table}`);
const out = process.env.BENCH_OUT ?? "bench/results.json";
writeFileSync(
  out,
  `${JSON.stringify({ machine, date: new Date().toISOString(), options, results }, null, 2)}\n`,
);
console.log(`\nwritten: ${out}`);
// --readme: the README's table between its bench markers is replaced by this run's, with the machine named.
if (process.argv.includes("--readme")) {
  const readme = readFileSync("README.md", "utf8");
  const block = /<!-- bench:table -->[\s\S]*?<!-- \/bench:table -->/;
  if (!block.test(readme)) throw new Error("README.md has no <!-- bench:table --> block");
  const day = new Date().toISOString().slice(0, 10);
  const body = `<!-- bench:table -->\nMeasured by \`${command}\` on ${day}, ${machine}:\n\n${table}\n<!-- /bench:table -->`;
  writeFileSync("README.md", readme.replace(block, body));
  console.log("README.md: performance table replaced");
}
