import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Every module a file reaches through its relative imports, with the bare specifiers each one imports. */
function importGraph(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, "utf8");
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    seen.set(
      file,
      specifiers.filter((s) => !s.startsWith(".")),
    );
    for (const spec of specifiers.filter((s) => s.startsWith(".")))
      visit(join(dirname(file), spec.replace(/\.js$/, ".ts")));
  };
  visit(entry);
  return seen;
}

describe("entry boundaries", () => {
  it.each(["src/index.ts"])("%s reaches no Node built-in and nothing of ./node", (entry) => {
    const graph = importGraph(entry);
    const offenders = [...graph].flatMap(([file, bare]) => [
      ...bare.filter((s) => s.startsWith("node:")).map((s) => `${relative(".", file)} imports ${s}`),
      ...(file.includes("/src/node/") ? [`${relative(".", file)} is reached`] : []),
    ]);
    expect(graph.size).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it("the ./node entry reaches node:vm (the check above can fail)", () => {
    const bare = [...importGraph("src/node/index.ts").values()].flat();
    expect(bare).toContain("node:vm");
  });
});
