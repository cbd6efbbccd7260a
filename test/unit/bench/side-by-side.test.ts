// The benchmark at a tiny size, so it never rots. No timing is asserted: only that every scenario ran both variants
// and produced well-formed numbers.
import { describe, expect, it } from "vitest";
import { runBench } from "../../../bench/side-by-side.js";

describe("bench/side-by-side at a tiny size", () => {
  it("runs every scenario, kit and floor, and summarises each", async () => {
    const results = await runBench({ sizes: [20], rounds: 2, batch: 2 });
    expect(results.map((r) => r.name)).toEqual([
      'user.callFunction("echo", 1)',
      "email login on a warm App (login + profile)",
      "new App + anonymous login",
      "find (1% match) in 20 documents",
      "findOne({ _id }) in 20 documents",
      "updateOne({ _id }, { $inc }) in 20 documents",
      "count({}) in 20 documents",
      "seed 20 documents + 2 users (floor: copied into arrays)",
      "write own custom data + refreshCustomData(), 20 profiles (floor: 10 profiles)",
      "mock.users.get(id), 20 sessions (floor: 10)",
      "mock.users.list() of 10 users, 20 sessions (floor: 10)",
      "callFunction with 20 sessions and journal events (floor: 10)",
      "email login with 20 users (floor: 10)",
      "find({}) under an owner role with a hidden field, 20 documents (floor: no rules, find({ owner_id }))",
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
