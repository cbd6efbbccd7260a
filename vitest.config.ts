import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests and examples import the kit by its package name, as users do.
  resolve: {
    alias: [
      { find: /^app-services-mock\/vitest$/, replacement: local("./src/vitest/index.ts") },
      { find: /^app-services-mock\/node$/, replacement: local("./src/node/index.ts") },
      { find: /^app-services-mock\/fixtures$/, replacement: local("./fixtures/index.ts") },
      { find: /^app-services-mock$/, replacement: local("./src/index.ts") },
    ],
  },
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
      {
        extends: true,
        test: {
          name: "vitest-entry",
          include: ["test/vitest/**/*.test.ts"],
          setupFiles: ["test/vitest/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "example",
          include: ["examples/todo-app/**/*.test.ts"],
          setupFiles: ["examples/todo-app/test/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "example-app-config",
          include: ["examples/task-tracker/**/*.test.ts"],
          setupFiles: ["examples/task-tracker/test/setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "readme",
          include: ["examples/readme/**/*.test.ts"],
          setupFiles: ["examples/readme/vitest.setup.ts"],
        },
      },
    ],
  },
});
