import { createMockApp } from "app-services-mock";
import { useMockApp, useRealmApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";

const shared = createMockApp({
  id: "singleton-app",
  users: [{ id: "65b000000000000000000001", email: "ada@example.com", password: "password1" }],
});
useMockApp(shared);

// What an application module does: one App for the whole program, created when the module is first imported.
const app = new Realm.App({ id: shared.id, baseUrl: shared.baseUrl });
useRealmApp(app);

// The same, left without the helper: it shows what the helper prevents.
const unmanaged = new Realm.App({ id: shared.id, baseUrl: shared.baseUrl });

const credentials = () => Realm.Credentials.emailPassword("ada@example.com", "password1");

// Sequential on purpose: each second test checks what the first one left behind.
describe("a module-level Realm.App registered with useRealmApp", () => {
  it("logs a user in (the helper logs it out after the test)", async () => {
    await app.logIn(credentials());
    expect(app.currentUser?.id).toBe("65b000000000000000000001");
  });

  it("starts the next test with no current user, and the app works", async () => {
    expect(app.currentUser).toBeNull();
    expect(Object.keys(app.allUsers)).toEqual([]);
    const user = await app.logIn(credentials());
    expect(await user.callFunction("missing").catch((e: Realm.MongoDBRealmError) => e.statusCode)).toBe(404);
  });
});

describe("a module-level Realm.App left alone", () => {
  it("logs a user in", async () => {
    await unmanaged.logIn(credentials());
    expect(unmanaged.currentUser).not.toBeNull();
  });

  it("keeps a current user whose session the reset ended: its first call fails (why the helper exists)", async () => {
    const stale = unmanaged.currentUser;
    expect(stale).not.toBeNull();
    await expect(stale?.refreshCustomData()).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe("Realm.getApp(id)", () => {
  it("logs a user in through the cached app", async () => {
    await Realm.getApp(shared.id).logIn(credentials());
    expect(Realm.getApp(shared.id).currentUser).not.toBeNull();
  });

  it("finds the cached app without a current user: the helper handles getApp apps by itself", () => {
    expect(Realm.getApp(shared.id).currentUser).toBeNull();
  });
});
