// The realm-web flow the DOM-environment files run: login, a function, custom data, a watch stream.
import type { MockApp } from "app-services-mock";
import { createMockApp } from "app-services-mock";
import { createRealmApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect } from "vitest";

export const domMock = (): MockApp =>
  createMockApp({
    users: [{ email: "ada@example.com", password: "password1", customData: { theme: "light" } }],
    customUserData: { database: "app", collection: "users", userIdField: "userId" },
    functions: { sum: (_context, a: number, b: number) => a + b },
  });

export async function runDomFlow(mock: MockApp, label: string): Promise<void> {
  expect(typeof window).toBe("object");
  expect(typeof document.createElement).toBe("function");
  const user = await createRealmApp(Realm.App, mock).logIn(
    Realm.Credentials.emailPassword("ada@example.com", "password1"),
  );
  expect(await user.callFunction("sum", 2, 3)).toBe(5);
  expect(user.customData).toMatchObject({ theme: "light" });
  const todos = user.mongoClient("mongodb-atlas").db("app").collection("todos");
  const stream = todos.watch();
  const first = stream.next();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the watch request is sent on the first next()
  await todos.insertOne({ _id: 1, text: `watched under ${label}` });
  expect((await first).value).toMatchObject({
    operationType: "insert",
    fullDocument: { text: `watched under ${label}` },
  });
  await stream.return(undefined);
}
