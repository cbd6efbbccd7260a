import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const local = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Tests and examples import the kit by its package name, as users do.
  resolve: {
    alias: [
      { find: /^app-services-mock\/vitest$/, replacement: local("./src/vitest/index.ts") },
      { find: /^app-services-mock\/testing$/, replacement: local("./src/testing/index.ts") },
      { find: /^app-services-mock\/node$/, replacement: local("./src/node/index.ts") },
      { find: /^app-services-mock\/client$/, replacement: local("./src/client/index.ts") },
      { find: /^app-services-mock\/fixtures$/, replacement: local("./fixtures/index.ts") },
      { find: /^app-services-mock$/, replacement: local("./src/index.ts") },
    ],
  },
  test: {
    environment: "node",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      // Generated requests against every route (issue 8); run alone with `npx vitest run --project property`.
      { extends: true, test: { name: "property", include: ["test/property/**/*.test.ts"] } },
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
      // Real sockets: the local server in-process and the CLI as a spawned process (no MSW interception).
      { extends: true, test: { name: "server", include: ["test/server/**/*.test.ts"] } },
      // The DOM environments React projects use (each file names its own: jsdom, happy-dom).
      {
        extends: true,
        test: {
          name: "environments",
          include: ["test/environments/**/*.test.ts"],
          setupFiles: ["test/environments/setup.ts"],
        },
      },
      // Headless Chromium (Debian's package, driven by playwright-core) against setupWorker and the CLI server.
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.ts"] } },
      {
        extends: true,
        test: {
          name: "vitest-bare",
          include: ["test/vitest-bare/**/*.test.ts"],
          setupFiles: ["test/vitest-bare/setup.ts"],
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
          // Builds dist/ once, then checks the packed package: file list, source maps, require(), Jest 30.
          name: "package",
          include: ["test/package/**/*.test.ts"],
          testTimeout: 120_000,
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
