import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The entries that must run in a browser, as a bundler sees them from a user's page. */
const browserEntries = {
  "app-services-mock": "./src/index.ts",
  "app-services-mock/fixtures": "./fixtures/index.ts",
  "app-services-mock/client": "./src/client/index.ts",
  // Only for the check that a Node-only entry fails to bundle.
  "app-services-mock/node": "./src/node/index.ts",
};

/** Bundles `source` for a browser: no Node built-ins, no polyfills, browser conditions of every dependency. */
async function bundleForBrowser(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "ts" },
    absWorkingDir: root,
    alias: browserEntries,
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    globalName: "kit",
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/** The one browser global Node lacks that a dependency (MSW's cookie store) reads at import. */
function memoryLocalStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * Runs the bundle where the Node-only globals a browser lacks (`Buffer`, `process`, `require`, `global`,
 * `setImmediate`) are undefined, the way a page sees them; a bundle that still reaches for them throws.
 */
function runAsPage(code: string): Record<string, unknown> {
  const names = ["Buffer", "process", "require", "global", "setImmediate", "localStorage"];
  const page = new Function(...names, `${code}\nreturn kit;`);
  return page(undefined, undefined, undefined, undefined, undefined, memoryLocalStorage()) as Record<
    string,
    unknown
  >;
}

describe("browser bundle", () => {
  it("bundles the main entry, ./fixtures and ./client for platform browser without one Node built-in", async () => {
    const code = await bundleForBrowser(
      `export * from "app-services-mock"; export * as fixtures from "app-services-mock/fixtures"; export * as client from "app-services-mock/client";`,
    );
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toMatch(/\brequire\(["']node:/);
  });

  it("fails on a Node-only import, so the check above can fail", async () => {
    await expect(
      bundleForBrowser(`import { readFileSync } from "node:fs"; export const r = readFileSync;`),
    ).rejects.toThrow(/node:fs/);
    await expect(bundleForBrowser(`export * from "app-services-mock/node";`)).rejects.toThrow(/node:/);
  });

  it("creates an app, logs a user in and opens a watch stream with no Buffer or process in scope", async () => {
    const kit = runAsPage(
      await bundleForBrowser(
        `export { createMockApp } from "app-services-mock"; export { createFixtures } from "app-services-mock/fixtures";`,
      ),
    ) as {
      createMockApp: typeof import("../../../src/index.js").createMockApp;
      createFixtures: typeof import("../../../fixtures/index.js").createFixtures;
    };
    const ada = kit.createFixtures(3).buildUser();
    const mock = kit.createMockApp({ id: "page-app", users: [ada] });
    const api = `${mock.baseUrl}/api/client/v2.0/app/page-app`;
    const login = await mock.handle(
      new Request(`${api}/auth/providers/local-userpass/login`, {
        method: "POST",
        body: JSON.stringify({ username: ada.email, password: ada.password }),
      }),
    );
    if (login === undefined) throw new Error("the mock passed its own login request on");
    expect(login.status).toBe(200);
    const { access_token: token } = (await login.json()) as { access_token: string };
    const call = {
      name: "watch",
      arguments: [{ database: "db", collection: "c" }],
      service: "mongodb-atlas",
    };
    const param = btoa(JSON.stringify(call));
    const watch = await mock.handle(
      new Request(`${api}/functions/call?baas_request=${encodeURIComponent(param)}`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );
    expect(watch?.headers.get("content-type")).toBe("text/event-stream");
    mock.close();
  });
});
