import { http } from "msw";
import * as Realm from "realm-web";
import { describe, expect, it, vi } from "vitest";
import { createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { expectNoRequestEscapes } from "../support/no-escape.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

// A plain setupServer(...mock.handlers): every request MSW could not match, or performed as is (the network).
expectNoRequestEscapes(server);

const api = "https://services.cloud.mongodb.com/api/client/v2.0";
const served = createMockApp({
  id: "routing-app",
  functions: { whoami: (context) => context.app.clientAppId },
  users: [{ email: "ada@example.com", password: "password1" }],
});
serve(served);

const adaLogin = () => Realm.Credentials.emailPassword("ada@example.com", "password1");

describe("with plain mock.handlers, no App Services request leaves the process", () => {
  it("answers the app id of a second mock nobody served with 404 AppNotFound and the way to serve it", async () => {
    const second = createMockApp({ id: "routing-second" });
    const error = await realmFailure(realmApp(second).logIn(Realm.Credentials.anonymous()));
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("AppNotFound");
    expect(error.error).toContain("Client App ID 'routing-second'");
    expect(error.error).toContain("served: ");
    expect(error.error).toContain("'routing-app'");
    expect(error.error).toContain("A mock app with id 'routing-second' exists but is not served");
    expect(error.error).toContain("useMockApp(mock) or serveMockApp(mock)");
    second.close();
  });

  it("answers any App Services path, whatever the origin, once a mock is served", async () => {
    for (const url of [
      `${api}/app/never-created/location`,
      "https://eu-west-1.aws.services.cloud.mongodb.com/api/client/v2.0/app/x/functions/call",
      `${api}/auth/profile`,
    ]) {
      const reply = await fetch(url);
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    }
  });

  it("refuses a token minted by a live mock that is not served with 401, and realm-web gives up after one refresh", async () => {
    const unserved = createMockApp({ id: "routing-unserved", functions: { ping: () => "pong" } });
    const login = await unserved.handle(
      new Request(`${api}/app/routing-unserved/auth/providers/anon-user/login`, {
        method: "POST",
        body: "{}",
      }),
    );
    const { access_token, refresh_token } = (await (login as Response).json()) as Record<string, string>;
    const profile = await fetch(`${api}/auth/profile`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(profile.status).toBe(401);
    const body = (await profile.json()) as { error: string; error_code: string };
    expect(body.error_code).toBe("InvalidSession");
    expect(body.error).toContain("minted by mock app 'routing-unserved', which is not served");
    const refresh = await fetch(`${api}/auth/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${refresh_token}` },
    });
    expect(refresh.status).toBe(401);
    expect(((await refresh.json()) as { error: string }).error).toContain("failed to find refresh token");
    unserved.close();
  });

  it("routes requests that carry a token to the mock that minted it, even when two served mocks share an app id", async () => {
    const warn = vi.fn();
    const first = createMockApp({
      id: "routing-twin",
      functions: { which: () => "first" },
      logger: { warn },
    });
    const second = createMockApp({
      id: "routing-twin",
      functions: { which: () => "second" },
      logger: { warn },
    });
    server.use(...first.handlers, ...second.handlers);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/Two served mock apps have the app id "routing-twin"/),
    );
    const login = await second.handle(
      new Request(`${api}/app/routing-twin/auth/providers/anon-user/login`, { method: "POST", body: "{}" }),
    );
    const { access_token } = (await (login as Response).json()) as Record<string, string>;
    const call = await fetch(`${api}/app/routing-twin/functions/call`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ name: "which", arguments: [] }),
    });
    expect(await call.json()).toBe("second");
    first.close();
    second.close();
  });

  it("answers a closed mock's requests with the refusal instead of passing them on", async () => {
    const closing = createMockApp({ id: "routing-closing" });
    server.use(...closing.handlers);
    closing.close();
    const reply = await fetch(`${api}/app/routing-closing/location`);
    expect(reply.status).toBe(404);
  });

  it("answers a body an earlier handler consumed with a kit error naming request.clone()", async () => {
    server.use(
      http.post(/\/functions\/call$/, async ({ request }) => {
        await request.json();
        return undefined;
      }),
    );
    const user = await realmApp(served).logIn(adaLogin());
    const error = await realmFailure(user.callFunction("whoami"));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("BodyAlreadyRead");
    expect(error.error).toContain("request.clone()");
  });
});
