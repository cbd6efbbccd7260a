import * as Realm from "realm-web";
import { expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { mingoIfLoaded } from "../../src/mongodb/mingo.js";
import { realmApp, serve } from "../support/realm.js";

// mingo loads on the first MongoDB use; a function with a short time limit must not pay for that load.
const mock = createMockApp({
  id: "mingo-load-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  functionTimeoutMs: 100,
  functions: { loadedAtStart: () => mingoIfLoaded() !== undefined },
});
serve(mock);

it("loads mingo before a function's time limit starts, not inside it", async () => {
  const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  expect(mingoIfLoaded()).toBeUndefined();
  expect(await user.callFunction("loadedAtStart")).toBe(true);
});
