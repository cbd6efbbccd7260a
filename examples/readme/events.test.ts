import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it, vi } from "vitest";

const mock = createMockApp({
  users: [{ id: "65f000000000000000000001", email: "ada@example.com", password: "pw-123456" }],
});
useMockApp(mock);

it("records what happened to each user", async () => {
  const onChange = vi.fn();
  mock.users.addListener("65f000000000000000000001", onChange); // realm-web's own addListener is not implemented
  const app = createRealmApp(Realm.App, mock);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456"));
  await user.refreshCustomData();
  await user.logOut();

  expect(mock).toHaveLoggedIn(user, "local-userpass");
  expect(mock).toHaveEmitted("access-token-refreshed", { userId: user.id });
  expect(mock.events.list({ userId: user.id }).map((e) => e.type)).toEqual([
    "logged-in",
    "access-token-refreshed",
    "logged-out",
  ]);
  expect(onChange).toHaveBeenCalledTimes(3);
});
