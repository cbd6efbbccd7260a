import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const readme = readFileSync(new URL("README.md", root), "utf8");

/** Code blocks announced by `<!-- example: path -->` in the README. */
const examples = [...readme.matchAll(/<!-- example: (\S+) -->\s*```\w*\n([\s\S]*?)```/g)].map((m) => ({
  path: m[1] ?? "",
  code: m[2] ?? "",
}));

describe("README examples", () => {
  it("announces the runnable examples", () => {
    expect(examples.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        "examples/readme/quick-start.test.ts",
        "examples/readme/vitest.setup.ts",
        "examples/readme/fixtures.test.ts",
        "examples/readme/events.test.ts",
      ]),
    );
  });

  for (const { path, code } of examples) {
    it(`shows ${path} exactly as the file the test suite runs`, () => {
      expect(code).toBe(readFileSync(new URL(path, root), "utf8"));
    });
  }

  it("tells how to run the tests", () => {
    expect(readme).toContain("npm ci && npm test");
  });
});
