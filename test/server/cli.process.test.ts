import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { cli, bannerField as field, root, useCliBundle, watch } from "../support/cli.js";

const readme = readFileSync(join(root, "README.md"), "utf8");
useCliBundle();

const tempDir = () => mkdtempSync(join(tmpdir(), "asm-cli-"));

describe.concurrent("app-services-mock serve as a process", { timeout: 60_000 }, () => {
  it("serves the demo app to realm-web on the real port and exits 0 on SIGINT with a watch stream open", async () => {
    const run = cli("serve", "--port", "0");
    const banner = await run.banner;
    const baseUrl = field(banner, "Base URL");
    const appId = field(banner, "App id");
    const [, email = "", password = ""] = /Logins:\s+(\S+) \/ (\S+)/.exec(banner) ?? [];
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(appId).toBe("demo-app");
    const app = new Realm.App({ id: appId, baseUrl });
    const user = await app.logIn(Realm.Credentials.emailPassword(email, password));
    expect(await user.callFunction("sum", 1, 2, 3)).toBe(6);
    expect(await user.callFunction("greet", "Ada")).toBe("Hello, Ada!");
    const todos = (await user.callFunction("myTodos")) as { owner_id: string }[];
    expect(todos.length).toBeGreaterThan(0);
    expect(todos.every((t) => t.owner_id === user.id)).toBe(true);
    const stream = user.mongoClient("mongodb-atlas").db("todo").collection("items").watch();
    const pending = stream.next().catch(() => ({ done: true }));
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the stream's request reach the server
    run.child.kill("SIGINT");
    const { code, stdout } = await run.exit;
    expect(code).toBe(0);
    expect(stdout).toContain("Stopped (SIGINT).");
    await pending;
  });

  it("npm start prints the banner the README shows", async () => {
    const run = watch(
      spawn("npm", ["start", "--silent", "--", "--port", "0"], { cwd: root, detached: true }),
    );
    const banner = await run.banner;
    if (run.child.pid !== undefined) process.kill(-run.child.pid, "SIGTERM"); // npm, its shell and the server
    await run.exit;
    const port = /127\.0\.0\.1:(\d+)/.exec(banner)?.[1] ?? "";
    const printed = banner.replaceAll(`127.0.0.1:${port}`, "127.0.0.1:9090").trim();
    const shown = /<!-- npm-start-output -->\s*```text\n([\s\S]*?)```/.exec(readme)?.[1]?.trim();
    expect(shown, "README.md has a ```text block after <!-- npm-start-output -->").toBeDefined();
    expect(printed).toBe(shown);
  });

  it("writes users and collections back on exit with --persist and serves them on the next start", async () => {
    const dir = tempDir();
    const persist = join(dir, "state.json");
    const config = join(dir, "config.json");
    writeFileSync(config, JSON.stringify({ id: "persisted", users: [] }));
    const first = cli("serve", "--port", "0", "--config", config, "--persist", persist);
    const baseUrl = field(await first.banner, "Base URL");
    const app = new Realm.App({ id: "persisted", baseUrl });
    await app.emailPasswordAuth.registerUser({ email: "kept@example.com", password: "password1" });
    const user = await app.logIn(Realm.Credentials.emailPassword("kept@example.com", "password1"));
    await user.mongoClient("mongodb-atlas").db("app").collection("notes").insertOne({ text: "kept" });
    first.child.kill("SIGTERM");
    expect((await first.exit).code).toBe(0);
    expect(readFileSync(persist, "utf8")).toContain("kept@example.com");

    const second = cli("serve", "--port", "0", "--config", config, "--persist", persist);
    const again = new Realm.App({ id: "persisted", baseUrl: field(await second.banner, "Base URL") });
    const back = await again.logIn(Realm.Credentials.emailPassword("kept@example.com", "password1"));
    expect(back.id).toBe(user.id);
    const notes = await back.mongoClient("mongodb-atlas").db("app").collection("notes").find();
    expect(notes).toMatchObject([{ text: "kept" }]);
    second.child.kill("SIGTERM");
    expect((await second.exit).code).toBe(0);
  });

  it("prints the usage and exits 2 on a bad argument or an app that cannot be loaded", async () => {
    const bad = await cli("serve", "--port", "http").exit;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--port must be an integer from 0 to 65535, got "http".');
    expect(bad.stderr).toContain("Usage: app-services-mock serve [options]");
    const app = await cli("serve", "--app", "./no-such-app").exit;
    expect(app.code).toBe(2);
    expect(app.stderr).toContain("--app ./no-such-app: ");
  });

  it("says the port is taken and exits 1", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const { code, stderr } = await cli("serve", "--port", String(port)).exit;
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`Port ${port} on 127.0.0.1 is already in use.`);
  });
});
