// Prints the medians of a `vitest bench --outputJson` file, with each group's ratios to its fastest entry.
// Benchmarks in one group run side by side in one process, so their ratios hold on a noisy shared machine.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2] ?? "bench/results.json", "utf8"));
for (const file of report.files) {
  for (const group of file.groups) {
    console.log(`\n${group.fullName}`);
    const medians = group.benchmarks.map((b) => b.median ?? b.p50);
    const fastest = Math.min(...medians);
    group.benchmarks.forEach((b, i) => {
      const median = medians[i];
      const ratio = (median / fastest).toFixed(2);
      console.log(
        `  ${b.name.padEnd(54)} median ${median.toFixed(4)} ms  ×${ratio}  (${b.sampleCount} samples)`,
      );
    });
  }
}
