// The custom user data lookup is indexed; writes hand the index on instead of rebuilding it. Whatever the writes,
// refreshCustomData() must show what a findOne({ userId }) in natural order finds.
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const BOB = "65a000000000000000000002";

const mock = createMockApp({
  id: "custom-data-index-app",
  customUserData: { database: "app", collection: "custom", userIdField: "userId" },
  users: [
    { id: ADA, email: "ada@example.com", password: "password1", customData: { color: "blue" } },
    { id: BOB, email: "bob@example.com", password: "password2" },
  ],
});
serve(mock);

const custom = () => mock.service("mongodb-atlas").db("app").collection("custom");
/** What the index must agree with: the first document of the user in natural order. */
const expected = async (userId: string) => {
  const doc = await custom().findOne({ userId });
  if (doc === null) return {};
  const { _id, ...rest } = doc;
  return rest;
};
const refreshed = async (user: Realm.User) => {
  const { _id, ...rest } = (await user.refreshCustomData()) as Record<string, unknown>;
  return rest;
};

describe("the custom user data index across writes", () => {
  it("follows inserts, updates, duplicates, key changes and deletes, through realm-web and the handle", async () => {
    const ada = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    const bob = await realmApp(mock).logIn(Realm.Credentials.emailPassword("bob@example.com", "password2"));
    const check = async () => {
      expect(await refreshed(ada)).toEqual(await expected(ADA));
      expect(await refreshed(bob)).toEqual(await expected(BOB));
    };
    await check();
    const own = ada.mongoClient("mongodb-atlas").db("app").collection("custom");
    await own.updateOne({ userId: ADA }, { $set: { color: "red" } });
    await check();
    expect(await refreshed(ada)).toMatchObject({ color: "red" });
    // A second document for Ada: the first in natural order still wins; deleting the first surfaces the second.
    await custom().insertOne({ userId: ADA, color: "second" });
    await check();
    expect(await refreshed(ada)).toMatchObject({ color: "red" });
    await own.deleteOne({ color: "red" });
    await check();
    expect(await refreshed(ada)).toMatchObject({ color: "second" });
    // The key field itself changes: the document moves from Ada to Bob.
    await custom().updateOne({ userId: ADA }, { $set: { userId: BOB } });
    await check();
    expect(await refreshed(ada)).toEqual({});
    expect(await refreshed(bob)).toMatchObject({ color: "second" });
    await custom().findOneAndReplace({ userId: BOB }, { userId: BOB, color: "replaced" });
    await check();
    expect(await refreshed(bob)).toMatchObject({ color: "replaced" });
    await custom().deleteMany({});
    await check();
    expect(await refreshed(bob)).toEqual({});
  });

  it("is right after restore() and reset()", async () => {
    const ada = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    expect(await refreshed(ada)).toMatchObject({ color: "blue" });
    const blue = mock.snapshot();
    await custom().updateOne({ userId: ADA }, { $set: { color: "green" } });
    expect(await refreshed(ada)).toMatchObject({ color: "green" });
    const green = mock.snapshot();
    mock.restore(blue);
    expect(mock.users.get(ADA)?.customData).toMatchObject({ color: "blue" });
    mock.restore(green);
    expect(mock.users.get(ADA)?.customData).toMatchObject({ color: "green" });
    await custom().deleteOne({ userId: ADA });
    expect(mock.users.get(ADA)?.customData).toBeUndefined();
    mock.reset();
    expect(mock.users.get(ADA)?.customData).toMatchObject({ color: "blue" });
  });
});
