// realm-web keeps users in one process-wide storage; the helper clears it after each test (importing realm-web
// lazily, after the server listens). These two tests run in order. This project's setup file imports realm-web
// before listening (on purpose), so the Apps here get a late-bound fetch, with realm-web's default storage.

import { createRealmApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { shared } from "./setup.js";

const defaultStorageApp = () => createRealmApp(Realm.App, shared, { storage: undefined });

describe("realm-web's default storage between tests", () => {
  it("holds the user a test logged in with a plain new Realm.App", async () => {
    const app = defaultStorageApp();
    await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    expect(Object.keys(defaultStorageApp().allUsers)).toHaveLength(1);
  });

  it("is empty in the next test", () => {
    const app = defaultStorageApp();
    expect(app.allUsers).toEqual({});
    expect(app.currentUser).toBeNull();
  });
});
