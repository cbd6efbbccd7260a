import { createMockApp } from "app-services-mock";
import {
  createMockTest,
  createRealmApp,
  mockTest,
  serveMockApp,
  setupMockServer,
} from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it, onTestFinished } from "vitest";
import { expectNoRequestEscapes } from "../support/no-escape.js";
import { mockServer, shared } from "./setup.js";

// Every request that MSW could not match, or performed as is (the network): none may happen in this file.
expectNoRequestEscapes(mockServer.server);

async function realmError(promise: Promise<unknown>): Promise<Realm.MongoDBRealmError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Realm.MongoDBRealmError))
    throw new Error(`expected a MongoDBRealmError, got ${error}`);
  return error;
}

describe("no App Services request leaves the process", () => {
  it("answers a mock the test forgot to serve with 404 AppNotFound, naming how to serve it", async () => {
    const forgotten = createMockApp({ id: "forgotten-app" });
    const error = await realmError(createRealmApp(Realm.App, forgotten).logIn(Realm.Credentials.anonymous()));
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("AppNotFound");
    expect(error.error).toContain("'forgotten-app'");
    expect(error.error).toContain("served: 'shared-app'");
    expect(error.error).toContain("exists but is not served");
    expect(error.error).toContain("useMockApp(mock) or serveMockApp(mock)");
    forgotten.close();
  });

  it("answers a token minted by a live but unserved mock with 401, and realm-web stops after one refresh", async () => {
    const unserved = createMockApp({ id: "unserved-app", functions: { ping: () => "pong" } });
    const stop = serveMockApp(unserved);
    const app = createRealmApp(Realm.App, unserved);
    const user = await app.logIn(Realm.Credentials.anonymous());
    stop();
    const error = await realmError(user.callFunction("ping"));
    expect(error.statusCode).toBe(401);
    expect(error.errorCode).toBe("InvalidSession");
    expect(error.error).toContain("failed to find refresh token");
    expect(error.error).toContain("'unserved-app', which is not served");
    expect(unserved.events.list({ type: "function-called" })).toEqual([]);
    unserved.close();
  });
});

describe("isolation mistakes fail loudly", () => {
  it("refuses to serve a second mock with an app id a served mock already has, naming both", () => {
    const twin = createMockApp({ id: "shared-app" });
    expect(() => serveMockApp(twin)).toThrow(
      /Two served mock apps have the app id "shared-app" \(instances \w+ and \w+\)/,
    );
    twin.close();
  });

  it("refuses a second setupMockServer()", () => {
    expect(() => setupMockServer()).toThrow(/setupMockServer\(\) was already called/);
  });

  it("answers a body an earlier handler consumed with a kit error naming request.clone()", async () => {
    const { http } = await import("msw");
    mockServer.server.use(
      http.post(/\/api\/client\/v2\.0\//, async ({ request }) => {
        await request.text();
        return undefined;
      }),
    );
    const error = await realmError(
      createRealmApp(Realm.App, shared).emailPasswordAuth.registerUser({
        email: "eve@example.com",
        password: "password5",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("BodyAlreadyRead");
    expect(error.error).toContain("request.clone()");
  });
});

describe("concurrent tests get their own mock from the fixture", () => {
  const test = createMockTest(() => ({ users: [{ email: "ada@example.com", password: "password1" }] }));
  const seen = new Set<string>();
  for (const n of [1, 2, 3]) {
    test.concurrent(`test ${n} has its own served mock`, async ({ mock }) => {
      const user = await createRealmApp(Realm.App, mock).logIn(
        Realm.Credentials.emailPassword("ada@example.com", "password1"),
      );
      expect(mock.users.list().map((u) => u.id)).toContain(user.id);
      expect(mock).toHaveLoggedIn(user);
      seen.add(mock.id);
    });
  }
  it("gave each test a different app id", () => {
    expect(seen.size).toBe(3);
  });
  mockTest("the default fixture serves a default mock and closes it after the test", async ({ mock }) => {
    const user = await createRealmApp(Realm.App, mock).logIn(Realm.Credentials.anonymous());
    expect(mock.users.get(user.id)).toBeDefined();
  });
});

describe("useMockApp apps and it.concurrent", () => {
  const failures: string[] = [];
  let arrived = 0;
  let bothIn: () => void = () => undefined;
  const together = new Promise<void>((resolve) => {
    bothIn = resolve;
  });
  for (const n of [1, 2]) {
    // Expected to fail: a helper-reset mock answered while two tests ran at once.
    it.concurrent
      .fails(`concurrent test ${n} using the shared mock fails with a pointer to the fixture`, async () => {
        onTestFinished(({ task }) => {
          failures.push(task.result?.errors?.[0]?.message ?? "");
        });
        arrived += 1;
        if (arrived === 2) bothIn();
        await together;
        await createRealmApp(Realm.App, shared).logIn(Realm.Credentials.anonymous());
      });
  }
  it("said what to use instead", () => {
    expect(failures).toHaveLength(2);
    for (const message of failures) {
      expect(message).toContain('Mock app "shared-app" is reset by the helper after each test');
      expect(message).toContain("createMockTest(options)");
    }
  });
});
