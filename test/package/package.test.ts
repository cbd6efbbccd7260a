// The package as npm would publish it: built once, then its file list, source maps, a CommonJS consumer and the
// Jest run of the todo-app suite, each through the package's exports only.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | Record<string, string>>;
};

let files: string[] = [];

beforeAll(async () => {
  await run("npm", ["run", "build", "--silent"], { cwd: root });
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  files = (pack?.files ?? []).map((f) => f.path).sort();
}, 180_000);

describe("the packed file list", () => {
  it("holds every export target, the fixture data, README and LICENSE", () => {
    const targets = Object.values(manifest.exports).flatMap((entry) =>
      typeof entry === "string" ? [entry] : Object.values(entry),
    );
    expect(targets.length).toBeGreaterThan(10);
    for (const target of targets) expect(files).toContain(target.replace(/^\.\//, ""));
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "dist/fixtures/data/users.json",
        "dist/fixtures/data/todos.json",
        "dist/fixtures/apps/task-tracker/root_config.json",
      ]),
    );
  });

  it("holds no tests, examples, benchmarks, scripts or TypeScript sources", () => {
    const stray = files.filter(
      (path) =>
        /(^|\/)(test|examples|bench|scripts|docs)\//.test(path) ||
        /\.test(-d)?\.|\.bench\./.test(path) ||
        (path.endsWith(".ts") && !path.endsWith(".d.ts")) ||
        !/^(dist\/|LICENSE$|README\.md$|package\.json$)/.test(path),
    );
    expect(stray).toEqual([]);
  });

  it("ships source maps that carry the current text of every source they name", () => {
    const maps = files.filter((path) => path.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(50);
    for (const path of maps) {
      const map = JSON.parse(readFileSync(join(root, path), "utf8")) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      expect(map.sourcesContent?.length, path).toBe(map.sources.length);
      map.sources.forEach((source, i) => {
        const original = readFileSync(join(root, path, "..", source), "utf8");
        expect(map.sourcesContent?.[i], `${path} → ${source}`).toBe(original);
      });
    }
  });
});

describe("a CommonJS project", () => {
  let project = "";
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "asm-cjs-"));
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "cjs-consumer", private: true }));
    // As npm links a local package: the kit's own dependencies resolve from its real path.
    mkdirSync(join(project, "node_modules"));
    symlinkSync(root, join(project, "node_modules", "app-services-mock"), "dir");
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("require()s the main, fixtures, testing, jest and node entries", async () => {
    writeFileSync(
      join(project, "consumer.cjs"),
      `
const { createMockApp } = require("app-services-mock");
const { createFixtures } = require("app-services-mock/fixtures");
const { createRealmApp, mswMajor } = require("app-services-mock/testing");
const { setupMockServer } = require("app-services-mock/jest");
require("app-services-mock/node");
const user = createFixtures(3).buildUser({ email: "ada@example.com" });
const mock = createMockApp({ users: [user] });
mock.handle(new Request(mock.baseUrl + "/api/client/v2.0/app/" + mock.id + "/location")).then((response) => {
  console.log(JSON.stringify({
    status: response.status,
    users: mock.users.list().map((u) => u.id),
    helpers: [typeof createRealmApp, typeof setupMockServer],
    mswMajor,
  }));
});
`,
    );
    const { stdout, stderr } = await run(process.execPath, ["consumer.cjs"], { cwd: project }).catch(
      (error: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`${error.message}\n${error.stderr ?? ""}`);
      },
    );
    expect(stderr).not.toMatch(/ERR_|Error/);
    const outcome = JSON.parse(stdout) as { status: number; users: string[]; helpers: string[] };
    expect(outcome).toMatchObject({ status: 200, helpers: ["function", "function"] });
    expect(outcome.users).toEqual([expect.stringMatching(/^[0-9a-f]{24}$/)]);
  });
});

describe("Jest 30", () => {
  it("runs the todo-app suite and the Jest entry's tests (ESM, node environment)", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--experimental-vm-modules",
        join(root, "node_modules/jest/bin/jest.js"),
        "--config",
        "test/jest/jest.config.mjs",
        "--json",
        "--silent",
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${error.message}\n${error.stderr ?? ""}`);
    });
    const report = JSON.parse(stdout) as {
      numFailedTests: number;
      numPassedTests: number;
      numTotalTestSuites: number;
    };
    expect(report).toMatchObject({ numFailedTests: 0, numPassedTests: 9, numTotalTestSuites: 2 });
  });
});
