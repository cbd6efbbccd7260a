import { readFileSync } from "node:fs";
import { loadAppConfig } from "app-services-mock/node";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type MockAppOptions } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const secrets = { weatherApiKeySecret: "k-123" };
const quiet = { warn: () => undefined, log: () => undefined };
const load = (source: Parameters<typeof loadAppConfig>[0]) =>
  loadAppConfig(source, { secrets, logger: quiet });

const forms = {
  directory: await load("fixtures/apps/task-tracker"),
  legacy: await load("fixtures/apps/task-tracker-legacy"),
  singleJsonFile: await load("fixtures/apps/task-tracker.json"),
  singleJsonObject: await load(JSON.parse(readFileSync("fixtures/apps/task-tracker.json", "utf8"))),
};
const ADA = "65a000000000000000000001";
const mocks = Object.fromEntries(
  Object.entries(forms).map(([form, options]) => [
    form,
    createMockApp({
      ...options,
      // The same app id four times in one MSW server: each form gets its own.
      id: `tasktracker-${form}`,
      users: [
        { id: ADA, email: "ada@tracker.example", password: "password1", customData: { display_name: "Ada" } },
      ],
    }),
  ]),
);
serve(...Object.values(mocks));

/** What the options say, without the function bodies (sandbox handlers differ per load). */
function settings(options: MockAppOptions) {
  const { functions, logger, graphql, ...rest } = options;
  return {
    ...rest,
    functions: Object.fromEntries(
      Object.entries(functions ?? {}).map(([name, fn]) => [
        name,
        typeof fn === "function"
          ? {}
          : { private: fn.private, runAsSystem: fn.runAsSystem, guarded: fn.canEvaluate !== undefined },
      ]),
    ),
  };
}

/** One pass through the app with realm-web; ids and dates are left out so runs compare. */
async function scenario(mock: (typeof mocks)[string]) {
  const app = realmApp(mock as never);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@tracker.example", "password1"));
  const taskId = await user.callFunction("addTask", "Water plants", ["home"]);
  await user.callFunction("addTask", "Call mum");
  await user.callFunction("completeTask", taskId);
  const tasks = (await user.callFunction("listMyTasks")) as Record<string, unknown>[];
  await app.emailPasswordAuth.registerUser({ email: "someone@else.example", password: "password9" });
  const pinUser = await app.logIn(Realm.Credentials.function({ username: "grace", pin: "4321" }));
  return {
    tasks: tasks.map(({ title, done, tags }) => ({ title, done, tags })),
    whoAmI: await user.callFunction("whoAmI"),
    appInfo: await user.callFunction("appInfo"),
    summary: await user.callFunction("taskSummary"),
    adminStats: (await realmFailure(user.callFunction("adminStats"))).errorCode,
    private: (await realmFailure(user.callFunction("recordAudit", "x", {}))).errorCode,
    pending: (
      await realmFailure(app.logIn(Realm.Credentials.emailPassword("someone@else.example", "password9")))
    ).statusCode,
    pinUser: pinUser.profile.name,
    audit: (await mock.service("mongodb-atlas").db("tracker").collection("audit").find({})).map(
      (e) => e.event,
    ),
  };
}

describe("the same app in the current directory layout, the legacy layout and single JSON", () => {
  it("loads to the same options", () => {
    const expected = settings(forms.directory);
    expect(settings(forms.legacy)).toEqual(expected);
    expect(settings(forms.singleJsonFile)).toEqual(expected);
    expect(settings(forms.singleJsonObject)).toEqual(expected);
    expect(forms.singleJsonFile.graphql).toEqual(forms.directory.graphql);
  });

  it("behaves the same through realm-web", async () => {
    const results = [];
    for (const mock of Object.values(mocks)) results.push(await scenario(mock));
    expect(results[0]).toEqual({
      tasks: [
        { title: "Call mum", done: false, tags: [] },
        { title: "Water plants", done: true, tags: ["home"] },
      ],
      whoAmI: {
        id: ADA,
        type: "normal",
        email: "ada@tracker.example",
        displayName: "Ada",
        providers: ["local-userpass"],
        runningAsSystem: false,
      },
      appInfo: {
        app: "tasktracker-directory",
        environment: "development",
        host: "dev.tracker.example",
        maxTasks: 3,
        method: "POST",
        weatherKeyConfigured: true,
      },
      summary: { total: 2, done: 1 },
      adminStats: "NotCallable",
      private: "NotCallable",
      pending: 401,
      pinUser: "grace",
      audit: ["task-added", "task-added"],
    });
    for (const [i, result] of results.entries()) {
      const form = Object.keys(mocks)[i];
      expect({ ...result, appInfo: { ...(result.appInfo as object), app: "" } }).toEqual({
        ...results[0],
        appInfo: { ...(results[0]?.appInfo as object), app: "" },
      });
      expect((result.appInfo as { app: string }).app).toBe(`tasktracker-${form}`);
    }
  });
});
