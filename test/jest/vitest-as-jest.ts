// What `import { … } from "vitest"` resolves to under Jest (jest.config.mjs maps it here), so the example's suite
// runs unchanged: the names it uses, from Jest's globals.
export { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, test } from "@jest/globals";
