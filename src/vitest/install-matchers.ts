import { expect } from "vitest";
import { type MockAppMatchers, matchers } from "../testing/matchers.js";

let installed = false;

/** Registers the matchers with Vitest's `expect` (idempotent). */
export function installMatchers(): void {
  if (installed) return;
  expect.extend(matchers);
  installed = true;
}

// Vitest 4 declares `Matchers<T = any>`, Vitest 5 `Matchers<R, T>`: one augmentation of either would be a TS2428
// error under the other. Both build `expect(…)`'s type by mapping the methods of `Chai.Assertion` (the prototype
// `expect.extend` adds matchers to at run time), with the same signature in both, so the matchers go there.
declare global {
  namespace Chai {
    interface Assertion extends MockAppMatchers<void> {}
  }
}
