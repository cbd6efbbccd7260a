// Jest 30, ESM (`node --experimental-vm-modules`), node environment: examples/todo-app's suite and the Jest
// entry's own tests, importing the kit by its package name (so through package.json "exports" and dist/).
export default {
  rootDir: "../..",
  testEnvironment: "node",
  // The example's own suite, unchanged: its `import { … } from "vitest"` is mapped to Jest's globals below.
  testMatch: ["<rootDir>/test/jest/**/*.test.ts", "<rootDir>/examples/todo-app/**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/jest/setup.ts"],
  extensionsToTreatAsEsm: [".ts"],
  // TypeScript sources import siblings as "./x.js".
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1", "^vitest$": "<rootDir>/test/jest/vitest-as-jest.ts" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "<rootDir>/test/jest/tsconfig.json" }],
  },
};
