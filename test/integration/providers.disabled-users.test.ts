import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const ADA = "65a0000000000000000000c1";
const mock = createMockApp({
  id: "disabled-app",
  functions: { ping: () => "pong" },
  users: [
    { id: ADA, email: "ada@example.com", password: "password1" },
    { id: "65a0000000000000000000c2", email: "off@example.com", password: "password2", disabled: true },
  ],
});
serve(mock);

const ada = () => realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));

describe("disabled users", () => {
  it("refuses the login of a seeded disabled user with 401 UserDisabled", async () => {
    const error = await realmFailure(
      realmApp(mock).logIn(Realm.Credentials.emailPassword("off@example.com", "password2")),
    );
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("UserDisabled");
    expect(error.error).toBe("user disabled");
  });

  it("disables and enables a user from the test, with journal events", async () => {
    mock.users.disable(ADA);
    expect(mock.users.get(ADA)?.disabled).toBe(true);
    expect((await realmFailure(ada())).errorCode).toBe("UserDisabled");
    mock.users.enable(ADA);
    await expect(ada()).resolves.toBeDefined();
    expect(mock.events.list({ type: ["user-disabled", "user-enabled"] })).toMatchObject([
      { type: "user-disabled", userId: ADA },
      { type: "user-enabled", userId: ADA },
    ]);
    mock.users.enable(ADA);
    expect(mock.events.list({ type: "user-enabled" })).toHaveLength(1);
  });

  it("stops a logged-in user's calls and refreshes without a refresh loop or a logout", async () => {
    const user = await ada();
    mock.users.disable(ADA);
    const call = await realmFailure(user.callFunction("ping"));
    expect(call.statusCode).toBe(401);
    expect(call.errorCode).toBe("UserDisabled");
    const refresh = await realmFailure(user.refreshCustomData());
    expect(refresh.errorCode).toBe("UserDisabled");
    expect(mock.events.list({ type: "access-token-refreshed" })).toEqual([]);
    expect(user.isLoggedIn).toBe(true);
    mock.users.enable(ADA);
    expect(await user.callFunction("ping")).toBe("pong");
  });

  it("lets a disabled user log out", async () => {
    const user = await ada();
    mock.users.disable(ADA);
    await user.logOut();
    expect(user.state).toBe("logged-out");
  });

  it("throws a kit error for an unknown user id", () => {
    expect(() => mock.users.disable("65a0000000000000000000ff")).toThrow(
      '[app-services-mock] No user with id "65a0000000000000000000ff" in mock app "disabled-app".',
    );
  });
});

describe("user management from the test", () => {
  it("lists identities, revokes sessions and deletes users", async () => {
    const user = await ada();
    expect(mock.users.identities(ADA)).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        providerType: "local-userpass",
        data: { email: "ada@example.com" },
      },
    ]);
    expect(mock.users.revokeSessions(ADA)).toBe(1);
    expect((await realmFailure(user.refreshCustomData())).errorCode).toBe("InvalidSession");
    expect(mock.users.delete(ADA)).toBe(true);
    expect((await realmFailure(ada())).errorCode).toBe("InvalidPassword");
  });
});
