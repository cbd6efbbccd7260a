import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Spawned {
  readonly child: ChildProcess;
  /** Resolves with stdout once the banner is complete; rejects if the process ends first. */
  readonly banner: Promise<string>;
  /** Resolves when the process ends. */
  readonly exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

export function watch(child: ChildProcess): Spawned {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  const banner = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", () => {
      if (stdout.includes("Press Ctrl+C to stop.")) resolve(stdout);
    });
    exit.then(({ code }) => reject(new Error(`exited with ${code} before serving:\n${stdout}\n${stderr}`)));
  });
  banner.catch(() => undefined);
  return { child, banner, exit };
}

/**
 * The CLI as a process, from `src/node/bin.ts` bundled once with its dependencies left as imports (what `tsc`
 * emits for the package's `bin`, minus the per-file load time; `npm start` itself is spawned by one test below).
 */
let bin = "";
/** Bundles the CLI before the file's tests and removes the bundle after them. Call at the top level. */
export function useCliBundle(): void {
  beforeAll(async () => {
    const cache = join(root, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    bin = join(mkdtempSync(join(cache, "asm-cli-")), "bin.mjs");
    await build({
      entryPoints: [join(root, "src/node/bin.ts")],
      outfile: bin,
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      logLevel: "silent",
    });
  });
  afterAll(() => rmSync(join(bin, ".."), { recursive: true, force: true }));
}

/** Spawns the bundled CLI with `args`. */
export const cli = (...args: string[]) => watch(spawn(process.execPath, [bin, ...args], { cwd: root }));

/** The value printed after `name:` in the banner (`Base URL`, `App id`). */
export const bannerField = (banner: string, name: string) =>
  new RegExp(`${name}:\\s+(\\S+)`).exec(banner)?.[1] ?? "";
