import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const mock = createMockApp({
  users: [{ email: "ada@example.com", password: "correct horse", customData: { plan: "pro" } }],
  customUserData: { database: "app", collection: "users", userIdField: "userId" },
});
useMockApp(mock);

it("logs in a seeded user and reads its custom data", async () => {
  const app = createRealmApp(Realm.App, mock);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "correct horse"));
  expect(user.customData).toMatchObject({ plan: "pro" });
  expect(mock).toHaveLoggedIn(user);
});
