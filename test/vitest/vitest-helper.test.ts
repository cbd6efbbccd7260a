import { createMockApp } from "app-services-mock";
import { createRealmApp, serveMockApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { shared } from "./setup.js";

const local = createMockApp({
  id: "local-app",
  users: [{ email: "bob@example.com", password: "password2" }],
});
useMockApp(local);

describe("the Vitest helper", () => {
  it("serves the setup file's mock to a test file that imports realm-web at the top", async () => {
    const app = createRealmApp(Realm.App, shared);
    const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    expect(user.id).toBe("65b000000000000000000001");
    expect(shared).toHaveLoggedIn(user, "local-userpass");
  });

  it("serves a mock registered by the test file", async () => {
    const app = createRealmApp(Realm.App, local);
    const user = await app.logIn(Realm.Credentials.emailPassword("bob@example.com", "password2"));
    expect(local).toHaveLoggedIn(user);
    expect(shared).not.toHaveLoggedIn(user);
  });

  it("starts every test from the seed: no users or events left by the previous tests", () => {
    expect(shared.events.list()).toEqual([]);
    expect(local.events.list()).toEqual([]);
    expect(local.users.list()).toHaveLength(1);
  });

  it("gives each realm-web App fresh storage, so no user of another App shows up", async () => {
    const first = createRealmApp(Realm.App, shared);
    await first.logIn(Realm.Credentials.anonymous());
    const second = createRealmApp(Realm.App, shared);
    expect(Object.keys(second.allUsers)).toEqual([]);
    expect(second.currentUser).toBeNull();
  });

  it("keeps two mock apps isolated from each other", async () => {
    const one = await createRealmApp(Realm.App, shared).logIn(Realm.Credentials.anonymous());
    const two = await createRealmApp(Realm.App, local).logIn(Realm.Credentials.anonymous());
    expect(shared.users.get(one.id)).toBeDefined();
    expect(shared.users.get(two.id)).toBeUndefined();
    expect(local.users.get(two.id)).toBeDefined();
    expect(local.users.get(one.id)).toBeUndefined();
  });
});

describe("concurrent tests with their own mocks", () => {
  for (const n of [1, 2, 3]) {
    it.concurrent(`test ${n} sees only its own users`, async () => {
      const own = createMockApp({
        id: `concurrent-${n}`,
        users: [{ email: `user${n}@example.com`, password: "password" }],
      });
      const stop = serveMockApp(own);
      const app = createRealmApp(Realm.App, own);
      const user = await app.logIn(Realm.Credentials.emailPassword(`user${n}@example.com`, "password"));
      expect(own.users.list().map((u) => u.id)).toEqual([user.id]);
      for (const m of [1, 2, 3].filter((x) => x !== n)) {
        await expect(
          app.logIn(Realm.Credentials.emailPassword(`user${m}@example.com`, "password")),
        ).rejects.toThrow(/unauthorized/);
      }
      stop();
    });
  }
});
