import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bannerField, cli, root, useCliBundle } from "../support/cli.js";

// Debian's chromium, installed by .ci/run through apt (never a browser download).
const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The pages, bundled for the browser the way a user's bundler would (realm-web's "browser" build). */
async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, "test/browser/pages", entry)],
    absWorkingDir: root,
    alias: {
      "app-services-mock": "./src/index.ts",
      "app-services-mock/client": "./src/client/index.ts",
    },
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

const html = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="${script}"></script></body></html>`;

let browser: Browser;
let pages: Server;
let origin = "";

useCliBundle();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.`,
    );
  }
  const [workerPage, serverPage] = await Promise.all([
    bundlePage("worker-page.ts"),
    bundlePage("server-page.ts"),
  ]);
  const files: Record<string, [string, string]> = {
    "/worker.html": ["text/html", html("/worker-page.js")],
    "/server.html": ["text/html", html("/server-page.js")],
    "/worker-page.js": ["text/javascript", workerPage],
    "/server-page.js": ["text/javascript", serverPage],
    // MSW's worker script must be served from the page's origin.
    "/mockServiceWorker.js": [
      "text/javascript",
      readFileSync(join(root, "node_modules/msw/lib/mockServiceWorker.js"), "utf8"),
    ],
  };
  pages = createServer((request, reply) => {
    const file = files[new URL(request.url ?? "/", "http://x").pathname];
    reply.writeHead(file ? 200 : 404, { "content-type": file?.[0] ?? "text/plain" });
    reply.end(file?.[1] ?? "not found");
  });
  await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  pages?.close();
});

/** Opens a page and waits for the outcome its script writes into `#outcome`. */
async function outcomeOf(url: string): Promise<Record<string, unknown>> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    const outcome = page.locator("#outcome");
    await outcome.filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
    const parsed = JSON.parse((await outcome.textContent()) ?? "{}") as {
      ok: boolean;
      value?: Record<string, unknown>;
      error?: string;
    };
    if (!parsed.ok) throw new Error(`the page failed: ${parsed.error}`);
    return parsed.value ?? {};
  } finally {
    await page.close();
  }
}

/** What `runFlow` reports, the journal of the user included, whichever way the page reaches the mock. */
const flowOutcome = {
  sum: 5,
  customDataAfter: { theme: "dark" },
  watched: { operationType: "insert", summary: "from the page" },
  loggedOut: true,
  journal: [
    "logged-in",
    "function-called",
    "mongodb-write",
    "access-token-refreshed",
    "mongodb-write",
    "logged-out",
  ],
};

describe("headless Chromium", { timeout: 120_000 }, () => {
  it("runs realm-web's browser build against setupWorker(...mock.handlers)", async () => {
    const outcome = await outcomeOf(`${origin}/worker.html`);
    expect(outcome).toMatchObject({ ...flowOutcome, customDataBefore: { theme: "light" } });
  });

  it("runs the same flow against the CLI server from another origin, with the control client in the page", async () => {
    const run = cli("serve", "--port", "0");
    try {
      const banner = await run.banner;
      const [, email = "", password = ""] = /Logins:\s+(\S+) \/ (\S+)/.exec(banner) ?? [];
      const query = new URLSearchParams({
        baseUrl: bannerField(banner, "Base URL"),
        appId: bannerField(banner, "App id"),
        email,
        password,
      });
      const outcome = await outcomeOf(`${origin}/server.html?${query}`);
      expect(outcome).toMatchObject(flowOutcome);
    } finally {
      run.child.kill("SIGTERM");
      await run.exit;
    }
  });
});
