// The benchmark at a tiny size, so it never rots. No timing is asserted: only that every scenario ran both variants
// and produced well-formed numbers.
import { describe, expect, it } from "vitest";
import { runBench } from "../../../bench/side-by-side.js";

describe("bench/side-by-side at a tiny size", () => {
  it("runs every scenario, kit and floor, and summarises each", async () => {
    const results = await runBench({ sizes: [10], rounds: 2, batch: 2 });
    expect(results.map((r) => r.name)).toEqual([
      'user.callFunction("echo", 1)',
      "email login on a warm App (login + profile)",
      "new App + anonymous login",
      "find (1% match) in 10 documents",
      "findOne({ _id }) in 10 documents",
      "updateOne({ _id }, { $inc }) in 10 documents",
      "count({}) in 10 documents",
      "seed 10 documents + 1 user (floor: copied into arrays)",
      "write own custom data + refreshCustomData(), 10 profiles (floor: 10 profiles)",
    ]);
    for (const result of results) {
      for (const variant of [result.kit, result.floor]) {
        expect(variant.samples).toBe(4);
        expect(variant.median).toBeGreaterThan(0);
        expect(variant.p95).toBeGreaterThanOrEqual(variant.median);
      }
      expect(result.ratio.min).toBeLessThanOrEqual(result.ratio.median);
      expect(result.ratio.median).toBeLessThanOrEqual(result.ratio.max);
    }
  }, 60_000);
});
