import { createMockApp } from "app-services-mock";
import { createFixtures } from "app-services-mock/fixtures";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const fixtures = createFixtures(7); // same seed, same users, on every run and machine
const ada = fixtures.buildUser({ email: "ada@example.com" });
const team = fixtures.buildUsers(3, (i) => ({ data: { team: "blue", rank: i } }));
const guest = fixtures.buildAnonymousUser();

const mock = createMockApp({ users: [ada, ...team, guest] });
useMockApp(mock);

it("logs in a fixture user with its plain-text password", async () => {
  const user = await createRealmApp(Realm.App, mock).logIn(
    Realm.Credentials.emailPassword(ada.email, ada.password),
  );
  expect(user.id).toBe(ada.id);
  expect(mock.users.list()).toHaveLength(5);
});
