import { createMockApp, type ManualClock } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const mock = createMockApp({
  users: [{ id: "65f000000000000000000002", email: "ada@example.com", password: "pw-123456" }],
  functions: { ping: () => "pong" },
});
useMockApp(mock);

const logIn = () =>
  createRealmApp(Realm.App, mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456"));

it("recovers from an expired access token: 401, refresh, retry", async () => {
  const user = await logIn();
  mock.time.expireAccessTokens(user.id); // or every user's: expireAccessTokens()
  await expect(user.callFunction("ping")).resolves.toBe("pong");
  expect(mock).toHaveEmitted("access-token-refreshed", { userId: user.id });
});

it("ends up logged out when the refresh token has expired", async () => {
  const user = await logIn();
  mock.time.expireRefreshTokens(user.id);
  await expect(user.callFunction("ping")).rejects.toMatchObject({
    statusCode: 401,
    errorCode: "InvalidSession",
  });
  expect(user.state).toBe("logged-out");
});

it("shortens token lifetimes at run time and moves the clock", async () => {
  mock.time.setTokenTtls({ accessTokenTtlSeconds: 60 }); // until reset()
  const user = await logIn();
  (mock.clock as ManualClock).advance(61_000); // the default clock: wall clock + advance(ms)
  await expect(user.callFunction("ping")).resolves.toBe("pong"); // refreshed on the way
});
