import { createMockApp } from "app-services-mock";
import { createRealmApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";
import { expectNoRequestEscapes } from "../support/no-escape.js";
import { mockServer } from "./setup.js";

// The file forgot useMockApp(mock): nothing is served at all. No request may reach MSW's unhandled path or the
// network (the real services.cloud.mongodb.com).
expectNoRequestEscapes(mockServer.server);

const mock = createMockApp({ users: [{ email: "ada@example.com", password: "pw-123456" }] });

it("answers a login to a mock nobody served with 404 AppNotFound saying how to serve it", async () => {
  const app = createRealmApp(Realm.App, mock);
  const error = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456")).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Realm.MongoDBRealmError);
  const realmError = error as Realm.MongoDBRealmError;
  expect(realmError.statusCode).toBe(404);
  expect(realmError.errorCode).toBe("AppNotFound");
  expect(realmError.error).toContain("served: none. A mock app with id 'mock-app' exists but is not served.");
  expect(realmError.error).toContain("useMockApp(mock)");
});

it("answers a user route with a made-up token with 401 InvalidSession", async () => {
  const reply = await fetch("https://services.cloud.mongodb.com/api/client/v2.0/auth/profile", {
    headers: { authorization: "Bearer a.b.c" },
  });
  expect(reply.status).toBe(401);
  expect(((await reply.json()) as { error_code: string }).error_code).toBe("InvalidSession");
});
