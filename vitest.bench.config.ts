import { defineConfig } from "vitest/config";

// Benchmarks run on their own (no test projects): `npm run bench`.
export default defineConfig({
  test: { environment: "node", benchmark: { include: ["bench/**/*.bench.ts"] } },
});
