import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type FunctionContext } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const BOB = "65a000000000000000000002";

const mock = createMockApp({
  id: "custom-data-app",
  customUserData: { database: "app", collection: "custom", userIdField: "userId" },
  users: [
    { id: ADA, email: "ada@example.com", password: "password1", customData: { favoriteColor: "blue" } },
    { id: BOB, email: "bob@example.com", password: "password2" },
  ],
  functions: { customData: (context: FunctionContext) => context.user.custom_data },
});
serve(mock);

const logIn = (email: string, password: string) =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));

describe("custom user data", () => {
  it("follows the documented workflow: write with the MongoDB client, then refreshCustomData()", async () => {
    const user = await logIn("bob@example.com", "password2");
    expect(user.customData).toEqual({});
    const custom = user.mongoClient("mongodb-atlas").db("app").collection("custom");
    const result = await custom.updateOne(
      { userId: user.id },
      { $set: { favoriteColor: "pink" } },
      { upsert: true },
    );
    expect(result).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
      upsertedId: expect.any(Realm.BSON.ObjectId),
    });
    expect(user.customData).toEqual({});
    const refreshed = await user.refreshCustomData();
    expect(refreshed).toMatchObject({ userId: BOB, favoriteColor: "pink" });
    expect(user.customData).toMatchObject({ userId: BOB, favoriteColor: "pink" });
    expect(mock.users.get(BOB)?.customData).toMatchObject({ favoriteColor: "pink" });
  });

  it("updates a seeded document, shown after the refresh only", async () => {
    const user = await logIn("ada@example.com", "password1");
    expect(user.customData).toMatchObject({ favoriteColor: "blue" });
    const custom = user.mongoClient("mongodb-atlas").db("app").collection("custom");
    expect(await custom.findOne({ userId: ADA }, { projection: { _id: 0 } })).toEqual({
      favoriteColor: "blue",
      userId: ADA,
    });
    await custom.updateOne({ userId: user.id }, { $set: { favoriteColor: "pink" } }, { upsert: true });
    expect(user.customData).toMatchObject({ favoriteColor: "blue" });
    expect(await user.callFunction("customData")).toMatchObject({ favoriteColor: "blue" });
    await user.refreshCustomData();
    expect(user.customData).toMatchObject({ favoriteColor: "pink" });
    expect(await user.callFunction("customData")).toMatchObject({ favoriteColor: "pink", userId: ADA });
  });

  it("reads documents a test wrote with mock.service() at the next refresh", async () => {
    const user = await logIn("bob@example.com", "password2");
    await mock
      .service("mongodb-atlas")
      .db("app")
      .collection("custom")
      .insertOne({ userId: BOB, plan: "pro" });
    expect(await user.refreshCustomData()).toMatchObject({ userId: BOB, plan: "pro" });
  });

  it("puts the custom data into the access token a link returns", async () => {
    const app = realmApp(mock);
    const anon = await app.logIn(Realm.Credentials.anonymous());
    await mock
      .service("mongodb-atlas")
      .db("app")
      .collection("custom")
      .insertOne({ userId: anon.id, plan: "trial" });
    await app.emailPasswordAuth.registerUser({ email: "linked@example.com", password: "password3" });
    expect(anon.customData).toEqual({});
    await anon.linkCredentials(Realm.Credentials.emailPassword("linked@example.com", "password3"));
    expect(anon.customData).toMatchObject({ userId: anon.id, plan: "trial" });
    expect(mock.events.list({ type: "access-token-refreshed" })).toEqual([]);
  });

  it("hands the test a copy of the custom data: changing it changes nothing stored", async () => {
    const view = mock.users.get(ADA)?.customData as Record<string, unknown>;
    view.favoriteColor = "green";
    expect(mock.users.get(ADA)?.customData).toMatchObject({ favoriteColor: "blue" });
    const user = await logIn("ada@example.com", "password1");
    expect(user.customData).toMatchObject({ favoriteColor: "blue" });
  });

  it("restores the seeded custom data on reset", async () => {
    const custom = mock.service("mongodb-atlas").db("app").collection("custom");
    await custom.deleteMany({});
    expect(await custom.count()).toBe(0);
    mock.reset();
    expect(await custom.find({}, { projection: { _id: 0 } })).toEqual([
      { favoriteColor: "blue", userId: ADA },
    ]);
  });
});
