import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/regressions/**/*.test.ts"],
          // The server must listen before realm-web is imported: realm-web binds fetch at import time.
          setupFiles: ["test/support/msw-server.ts"],
        },
      },
    ],
    benchmark: { include: ["bench/**/*.bench.ts"] },
  },
});
