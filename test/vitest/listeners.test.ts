import { createMockApp, type MockEvent } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it, vi } from "vitest";

const mock = createMockApp({
  id: "listener-app",
  customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
  users: [
    { id: "65d000000000000000000001", email: "ada@example.com", password: "password1", customData: { n: 1 } },
    { id: "65d000000000000000000002", email: "bob@example.com", password: "password2" },
  ],
});
useMockApp(mock);
const ADA = "65d000000000000000000001";

const login = () =>
  createRealmApp(Realm.App, mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));

describe("per-user listeners", () => {
  it("fire on login, access-token refresh, custom-data refresh and logout, with the event", async () => {
    const seen: MockEvent["type"][] = [];
    mock.users.addListener(ADA, (event) => seen.push(event.type));
    const user = await login();
    await user.refreshAccessToken();
    const data = await user.refreshCustomData();
    expect(data).toMatchObject({ n: 1 });
    await user.logOut();
    expect(seen).toEqual(["logged-in", "access-token-refreshed", "access-token-refreshed", "logged-out"]);
  });

  it("do not fire for other users' changes", async () => {
    const listener = vi.fn();
    mock.users.addListener("65d000000000000000000002", listener);
    const user = await login();
    await user.logOut();
    expect(listener).not.toHaveBeenCalled();
  });

  it("stop after removeListener; removeAllListeners removes the rest", async () => {
    const removed = vi.fn();
    const kept = vi.fn();
    const cleared = vi.fn();
    mock.users.addListener(ADA, removed);
    mock.users.addListener(ADA, kept);
    mock.users.removeListener(ADA, removed);
    const user = await login();
    expect(removed).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    mock.users.removeAllListeners(ADA);
    mock.users.addListener("65d000000000000000000002", cleared);
    mock.users.removeAllListeners();
    await user.logOut();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(cleared).not.toHaveBeenCalled();
  });

  it("fire when sessions are revoked from the test side", () => {
    const listener = vi.fn();
    mock.users.addListener(ADA, listener);
    mock.users.revokeSessions(ADA);
    expect(listener).toHaveBeenCalledWith(expect.objectContaining({ type: "sessions-revoked", count: 0 }));
  });
});

describe("mock.events", () => {
  it("on(type) delivers new events until unsubscribed; list filters by type and user", async () => {
    const logins: string[] = [];
    const stop = mock.events.on("logged-in", (event) => logins.push(event.userId));
    await login();
    stop();
    await login();
    expect(logins).toEqual([ADA]);
    expect(mock.events.list({ type: "logged-in", userId: ADA })).toHaveLength(2);
    expect(mock.events.list({ type: ["logged-in", "user-created"] }).map((e) => e.type)).toEqual([
      "logged-in",
      "logged-in",
    ]);
    expect(mock.events.list({ userId: "65d000000000000000000002" })).toEqual([]);
  });

  it("clear empties the journal without touching users or sessions", async () => {
    await login();
    mock.events.clear();
    expect(mock.events.list()).toEqual([]);
    expect(mock.users.get(ADA)?.sessionCount).toBe(1);
  });

  it("stamps events with the clock time and a sequence number", async () => {
    await login();
    const [event] = mock.events.list({ type: "logged-in" });
    expect(event?.seq).toBe(1);
    expect(Math.abs((event?.at ?? 0) - mock.clock.now())).toBeLessThan(5_000);
  });
});
