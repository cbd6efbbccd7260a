import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bundledTodosFile,
  bundledUsersFile,
  loadUsersFile,
  type RunningServe,
  serve,
} from "app-services-mock/node";
import * as Realm from "realm-web";
import { afterEach, expect, it } from "vitest";

const running: RunningServe[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

/** `serve` in-process (the CLI's own function), its banner captured. */
async function start(...argv: string[]): Promise<{ running: RunningServe; banner: string }> {
  let banner = "";
  const started = await serve(["serve", "--port", "0", ...argv], {
    out: (text) => {
      banner += text;
    },
    err: () => undefined,
  });
  if (started === undefined) throw new Error("serve printed its help instead of serving");
  running.push(started);
  return { running: started, banner };
}

it("--seed picks other generated demo data: other logins that work", async () => {
  const one = await start();
  const two = await start("--seed", "2");
  const login = (banner: string) => /Logins:\s+(\S+) \/ (\S+)/.exec(banner)?.slice(1) ?? [];
  const [email = "", password = ""] = login(two.banner);
  expect(email).not.toBe(login(one.banner)[0]);
  const app = new Realm.App({ id: "demo-app", baseUrl: two.running.server.url });
  const user = await app.logIn(Realm.Credentials.emailPassword(email, password));
  expect(two.running.mock.users.get(user.id)?.email).toBe(email);
});

it("--users and --data seed from the fixture file formats", async () => {
  const { running: served } = await start("--users", bundledUsersFile, "--data", bundledTodosFile);
  const [first] = loadUsersFile(bundledUsersFile);
  const app = new Realm.App({ id: "demo-app", baseUrl: served.server.url });
  const user = await app.logIn(Realm.Credentials.emailPassword(first?.email ?? "", first?.password ?? ""));
  const todos = await user
    .mongoClient("mongodb-atlas")
    .db("todo")
    .collection("items")
    .find({ owner_id: user.id });
  expect(todos.length).toBeGreaterThan(0);
});

it("--config serves JSON options: app id, users, providers", async () => {
  const config = join(mkdtempSync(join(tmpdir(), "serve-config-")), "app.json");
  writeFileSync(
    config,
    JSON.stringify({
      id: "configured",
      users: [{ email: "cfg@example.com", password: "password1" }],
      providers: { "local-userpass": { autoConfirm: true } },
    }),
  );
  const { running: served, banner } = await start("--config", config);
  expect(banner).toContain("App id:    configured");
  expect(banner).toContain("cfg@example.com / password1");
  const app = new Realm.App({ id: "configured", baseUrl: served.server.url });
  await app.logIn(Realm.Credentials.emailPassword("cfg@example.com", "password1"));
  await expect(app.logIn(Realm.Credentials.anonymous())).rejects.toMatchObject({ statusCode: 404 });
});

it("--app serves an exported App Services app: its functions run in the sandbox", async () => {
  const dir = new URL("../../fixtures/apps/task-tracker", import.meta.url).pathname;
  const { running: served, banner } = await start("--app", dir);
  const appId = served.mock.id;
  expect(banner).toContain(`App id:    ${appId}`);
  served.mock.users.create({ email: "cli@tracker.example", password: "cli-secret" });
  const app = new Realm.App({ id: appId, baseUrl: served.server.url });
  const user = await app.logIn(Realm.Credentials.emailPassword("cli@tracker.example", "cli-secret"));
  await expect(user.callFunction("appInfo")).resolves.toMatchObject({
    app: expect.stringMatching(/^tasktracker/),
    environment: "development",
    method: "POST",
  });
});
