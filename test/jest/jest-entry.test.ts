// What the Jest entry adds beyond the todo-app suite: the guard, Jest's message conventions, per-test reset.
import { afterAll, describe, expect, it } from "@jest/globals";
import { createMockApp } from "app-services-mock";
import { createRealmApp, serveMockApp } from "app-services-mock/jest";
import * as Realm from "realm-web";
import { backend } from "../../examples/todo-app/test/backend.js";
import { startEscapeTarget } from "../support/escape-target.js";
import { failureOf } from "../support/failure-of.js";

const target = await startEscapeTarget();
afterAll(() => target.close());

describe("app-services-mock/jest", () => {
  it("fails a request that escapes the mock apps", async () => {
    await expect(fetch(target.url)).rejects.toThrow();
    expect(target.hits()).toBe(0);
  });

  it("writes failure messages the Jest way: hint line, sentence, journal", async () => {
    const user = await createRealmApp(Realm.App, backend).logIn(Realm.Credentials.anonymous());
    const message = failureOf(() =>
      expect(backend).toHaveLoggedIn("65c000000000000000000001", "local-userpass"),
    );
    expect(message).toContain("expect(");
    expect(message).toContain(").toHaveLoggedIn(");
    expect(message).toContain(
      "Expected the mock app to have logged in user 65c000000000000000000001 with local-userpass",
    );
    expect(message).toContain(`logged-in user=${user.id} provider=anon-user`);
    const negated = failureOf(() => expect(backend).not.toHaveEmitted("user-created", { userId: user.id }));
    expect(negated).toContain(".not.toHaveEmitted(");
    expect(negated).toContain('Expected the mock app not to have emitted "user-created" matching');
  });

  it("starts every test from the seed", () => {
    expect(backend.events.list()).toEqual([]);
  });

  it("serves a mock a test builds itself", async () => {
    const own = createMockApp({
      id: "jest-own",
      users: [{ email: "bo@example.com", password: "password1" }],
    });
    const stop = serveMockApp(own);
    try {
      const user = await createRealmApp(Realm.App, own).logIn(
        Realm.Credentials.emailPassword("bo@example.com", "password1"),
      );
      expect(own).toHaveLoggedIn(user, "local-userpass");
      expect(own).toHaveEmitted("logged-in", { userId: user.id, provider: "local-userpass" });
    } finally {
      stop();
    }
  });
});
