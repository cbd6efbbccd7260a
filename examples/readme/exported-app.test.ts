import { createMockApp } from "app-services-mock";
import { loadAppConfig } from "app-services-mock/node";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const options = await loadAppConfig("fixtures/apps/task-tracker", {
  secrets: { weatherApiKeySecret: "test" },
});
const mock = createMockApp({
  ...options, // providers, functions, values, environment, data sources, rules… from the app's own files
  users: [{ email: "ada@tracker.example", password: "ada-secret" }],
});
useMockApp(mock);

it("runs the app's own function sources", async () => {
  const app = createRealmApp(Realm.App, mock);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@tracker.example", "ada-secret"));
  const taskId = await user.callFunction("addTask", "Water the plants");
  expect(taskId).toBeInstanceOf(Realm.BSON.ObjectId);
  expect(await user.callFunction("taskSummary")).toEqual({ total: 1, done: 0 });
});
