// The backend of the example: the exported App Services app itself, loaded from its folder, plus seed users.
import { createMockApp } from "app-services-mock";
import { loadAppConfig } from "app-services-mock/node";

const appDir = new URL("../../../fixtures/apps/task-tracker", import.meta.url).pathname;

export const ada = { id: "65a0000000000000000000a1", email: "ada@tracker.example", password: "ada-secret" };

export const backend = createMockApp({
  ...(await loadAppConfig(appDir, { secrets: { weatherApiKeySecret: "test-key" } })),
  users: [{ ...ada, customData: { display_name: "Ada L." } }],
});
