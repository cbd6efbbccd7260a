// Jest 30, ESM (`node --experimental-vm-modules`), node environment: the todo-app example's suite and the Jest
// entry's own tests, importing the kit by its package name (so through package.json "exports" and dist/).
export default {
  rootDir: "../..",
  testEnvironment: "node",
  testMatch: ["<rootDir>/test/jest/**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/test/jest/setup.ts"],
  extensionsToTreatAsEsm: [".ts"],
  // TypeScript sources import siblings as "./x.js".
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "<rootDir>/test/jest/tsconfig.json" }],
  },
};
