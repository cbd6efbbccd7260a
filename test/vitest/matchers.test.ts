import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { failureOf } from "../support/failure-of.js";

const mock = createMockApp({
  id: "matcher-app",
  users: [{ id: "65c000000000000000000001", email: "ada@example.com", password: "password1" }],
});
useMockApp(mock);

describe("custom matchers", () => {
  it("toHaveLoggedIn passes for a user that logged in, with or without the provider", async () => {
    const user = await createRealmApp(Realm.App, mock).logIn(
      Realm.Credentials.emailPassword("ada@example.com", "password1"),
    );
    expect(mock).toHaveLoggedIn(user);
    expect(mock).toHaveLoggedIn(user.id, "local-userpass");
    expect(mock).not.toHaveLoggedIn(user, "anon-user");
  });

  it("toHaveLoggedIn fails with the login events of the journal in its message", async () => {
    const user = await createRealmApp(Realm.App, mock).logIn(Realm.Credentials.anonymous());
    const message = failureOf(() => expect(mock).toHaveLoggedIn("65c000000000000000000001"));
    expect(message).toContain("expected the mock app to have logged in user 65c000000000000000000001");
    expect(message).toContain('"logged-in" events (1):');
    expect(message).toContain(`logged-in user=${user.id} provider=anon-user`);
  });

  it("toHaveEmitted matches a type and a partial event", async () => {
    const user = await createRealmApp(Realm.App, mock).logIn(Realm.Credentials.anonymous());
    expect(mock).toHaveEmitted("user-created");
    expect(mock).toHaveEmitted("user-created", { userId: user.id, provider: "anon-user" });
    expect(mock).not.toHaveEmitted("logged-out");
    const message = failureOf(() => expect(mock).toHaveEmitted("logged-out", { userId: user.id }));
    expect(message).toContain(`expected the mock app to have emitted "logged-out" matching`);
    expect(message).toContain(`No "logged-out" events; the last 2 of 2 events:`);
    expect(message).toContain("#1 user-created");
    expect(message).toContain("#2 logged-in");
  });

  it("not.toHaveEmitted fails with the matching events listed", async () => {
    await createRealmApp(Realm.App, mock).logIn(Realm.Credentials.anonymous());
    const message = failureOf(() => expect(mock).not.toHaveEmitted("logged-in"));
    expect(message).toContain('expected the mock app not to have emitted "logged-in"');
    expect(message).toContain('"logged-in" events (1):');
  });

  it("toHaveCalledFunction fails with an empty journal message when nothing happened", () => {
    const message = failureOf(() => expect(mock).toHaveCalledFunction("sum", [1, 2]));
    expect(message).toContain('expected the mock app to have called function "sum" with [1, 2]');
    expect(message).toContain("The journal is empty.");
  });

  it("toHaveInjectedFault passes once a fault fired, and fails listing the latest events before", async () => {
    const user = await createRealmApp(Realm.App, mock).logIn(Realm.Credentials.anonymous());
    mock.faults.inject({ route: "profile", effect: { kind: "network-error" } });
    const message = failureOf(() => expect(mock).toHaveInjectedFault());
    expect(message).toContain("expected the mock app to have injected a fault");
    expect(message).toContain('No "fault-injected" events');
    // A network error: "Failed to fetch" under msw 2, "fetch failed" under msw 3.
    await expect(user.refreshProfile()).rejects.toThrow(TypeError);
    expect(mock).toHaveInjectedFault();
    expect(mock).toHaveInjectedFault({ route: "profile", effect: "network-error", userId: user.id });
    expect(mock).not.toHaveInjectedFault({ route: "functions" });
  });

  it("rejects a value that is not a mock app", () => {
    expect(() => expect({}).toHaveEmitted("logged-in")).toThrow("toHaveEmitted expects a mock app");
  });
});
