import { ObjectId } from "bson";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const oid = (n: number) => new ObjectId(n.toString(16).padStart(24, "0"));
const seed = () => [
  { _id: oid(1), name: "pen", qty: 5, tags: ["office"], values: [{ status: "new" }, { status: "old" }] },
  { _id: oid(2), name: "ink", qty: 12, tags: ["office", "refill"], values: [{ status: "old" }] },
  { _id: oid(3), name: "cup", qty: 0, tags: ["kitchen"], values: [] },
];
const options = {
  users: [{ email: "ada@example.com", password: "password1" }],
  data: { "mongodb-atlas": { shop: { items: seed() } } },
};
const mock = createMockApp({ id: "mongodb-app", ...options });
const realDelete = createMockApp({
  id: "real-delete-app",
  ...options,
  mongodb: { realFindOneAndDelete: true },
});
serve(mock, realDelete);

type Item = { _id: unknown; name: string; qty?: number; tags?: string[]; values?: { status: string }[] };

async function items(app = mock) {
  const user = await realmApp(app).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return user.mongoClient("mongodb-atlas").db("shop").collection<Item>("items");
}
const stored = (app = mock) => app.service("mongodb-atlas").db("shop").collection<Item>("items");
const hex = (value: unknown) => String(value);

describe("reads", () => {
  it("finds with filter, projection, sort and limit", async () => {
    const c = await items();
    const found = await c.find({ qty: { $gt: 1 } }, { projection: { name: 1 }, sort: { qty: -1 }, limit: 5 });
    expect(found.map((d) => [hex(d._id), d.name])).toEqual([
      [hex(oid(2)), "ink"],
      [hex(oid(1)), "pen"],
    ]);
    expect(found[0]?._id).toBeInstanceOf(Realm.BSON.ObjectId);
    expect(Object.keys(found[0] ?? {})).toEqual(["_id", "name"]);
    expect(await c.find({ _id: { $gt: new Realm.BSON.ObjectId(hex(oid(1))) } }, { limit: 1 })).toHaveLength(
      1,
    );
  });

  it("finds one document or null, and counts with a limit", async () => {
    const c = await items();
    expect(await c.findOne({ name: "cup" }, { projection: { _id: 0, name: 1 } })).toEqual({ name: "cup" });
    expect(await c.findOne({ name: "nothing" })).toBeNull();
    expect(await c.findOne({}, { sort: { qty: -1 } })).toMatchObject({ name: "ink" });
    expect(await c.count()).toBe(3);
    expect(await c.count({ tags: "office" })).toBe(2);
    expect(await c.count({}, { limit: 2 })).toBe(2);
  });

  it("aggregates with $group, $push, $sum and $project", async () => {
    const c = await items();
    const result = await c.aggregate([
      { $unwind: "$tags" },
      { $group: { _id: "$tags", names: { $push: "$name" }, total: { $sum: "$qty" } } },
      { $sort: { _id: 1 } },
      { $project: { _id: 0, tag: "$_id", names: 1, total: 1 } },
    ]);
    expect(result).toEqual([
      { names: ["cup"], total: 0, tag: "kitchen" },
      { names: ["pen", "ink"], total: 17, tag: "office" },
      { names: ["ink"], total: 12, tag: "refill" },
    ]);
  });
});

describe("inserts and deletes", () => {
  it("inserts one and many documents with server-generated ObjectIds or the ids given", async () => {
    const c = await items();
    const one = await c.insertOne({ name: "clip" });
    expect(one.insertedId).toBeInstanceOf(Realm.BSON.ObjectId);
    const many = await c.insertMany([{ _id: "a", name: "tape" }, { name: "glue" }]);
    expect(many.insertedIds[0]).toBe("a");
    expect(many.insertedIds[1]).toBeInstanceOf(Realm.BSON.ObjectId);
    expect(await stored().count()).toBe(6);
    expect(await stored().findOne({ _id: "a" })).toEqual({ _id: "a", name: "tape" });
  });

  it("rejects a duplicate _id with a Duplicate key error", async () => {
    const c = await items();
    const error = await realmFailure(
      c.insertOne({ _id: new Realm.BSON.ObjectId(hex(oid(1))), name: "again" }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("MongoDBError");
    expect(error.message).toContain("Duplicate key error");
  });

  it("deletes one and many", async () => {
    const c = await items();
    expect(await c.deleteOne({ tags: "office" })).toEqual({ deletedCount: 1 });
    expect(await c.deleteMany({})).toEqual({ deletedCount: 2 });
    expect(await c.deleteMany({})).toEqual({ deletedCount: 0 });
  });
});

describe("updates", () => {
  it("updates one without upsertedId when nothing was upserted", async () => {
    const c = await items();
    const result = await c.updateOne({ name: "pen" }, { $inc: { qty: 1 } });
    expect(result).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect("upsertedId" in result).toBe(false);
    expect(await c.updateOne({ name: "none" }, { $set: { qty: 1 } })).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
    });
  });

  it("upserts from the filter's equality fields and returns upsertedId", async () => {
    const c = await items();
    const result = await c.updateOne(
      { name: "ruler", qty: { $gt: 3 } },
      { $set: { cm: 30 } },
      { upsert: true },
    );
    expect(result).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
      upsertedId: expect.any(Realm.BSON.ObjectId),
    });
    expect(await c.findOne({ _id: result.upsertedId }, { projection: { _id: 0 } })).toEqual({
      name: "ruler",
      cm: 30,
    });
  });

  it("updates many, with arrayFilters", async () => {
    const c = await items();
    const result = await c.updateMany(
      { tags: "office" },
      { $set: { "values.$[element].status": "archived" } },
      { arrayFilters: [{ "element.status": "old" }] },
    );
    expect(result).toEqual({ matchedCount: 2, modifiedCount: 2 });
    expect((await c.find({}, { projection: { _id: 0, values: 1 } })).map((d) => d.values)).toEqual([
      [{ status: "new" }, { status: "archived" }],
      [{ status: "archived" }],
      [],
    ]);
  });

  it("treats an update without operators as a replacement, also when upserting", async () => {
    const c = await items();
    expect(await c.updateOne({ name: "pen" }, { name: "pencil" })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect(await stored().findOne({ _id: oid(1) })).toEqual({ _id: oid(1), name: "pencil" });
    const upsert = await c.updateOne({ name: "eraser", qty: 1 }, { label: "new" }, { upsert: true });
    expect(await stored().findOne({ _id: upsert.upsertedId as ObjectId })).toEqual({
      _id: expect.any(ObjectId),
      label: "new",
    });
  });

  it("finds one and updates or replaces it, returning the pre- or post-image", async () => {
    const c = await items();
    expect(await c.findOneAndUpdate({ name: "pen" }, { $inc: { qty: 10 } })).toMatchObject({ qty: 5 });
    expect(
      await c.findOneAndUpdate(
        { name: "pen" },
        { $inc: { qty: 1 } },
        { returnNewDocument: true, projection: { qty: 1 } },
      ),
    ).toEqual({ _id: expect.any(Realm.BSON.ObjectId), qty: 16 });
    expect(await c.findOneAndUpdate({ name: "none" }, { $set: { qty: 1 } })).toBeNull();
    expect(
      await c.findOneAndUpdate(
        { name: "new" },
        { $set: { qty: 1 } },
        { upsert: true, returnNewDocument: true },
      ),
    ).toEqual({ _id: expect.any(Realm.BSON.ObjectId), name: "new", qty: 1 });
    expect(await c.findOneAndReplace({ name: "ink" }, { name: "INK" }, { returnNewDocument: true })).toEqual({
      _id: expect.any(Realm.BSON.ObjectId),
      name: "INK",
    });
    expect(await c.findOneAndReplace({ name: "cup" }, { name: "mug" })).toMatchObject({
      name: "cup",
      qty: 0,
    });
  });
});

describe("findOneAndDelete", () => {
  it("reproduces the real server by default: returns the document and keeps an _id-only document", async () => {
    const c = await items();
    expect(await c.findOneAndDelete({ name: "pen" })).toMatchObject({ name: "pen", qty: 5 });
    expect(await stored().count()).toBe(3);
    expect(await stored().findOne({ _id: oid(1) })).toEqual({ _id: oid(1) });
  });

  it("really deletes with createMockApp({ mongodb: { realFindOneAndDelete: true } })", async () => {
    const c = await items(realDelete);
    expect(await c.findOneAndDelete({ qty: { $gt: 1 } }, { sort: { qty: -1 } })).toMatchObject({
      name: "ink",
    });
    expect(await stored(realDelete).count()).toBe(2);
    expect(await c.findOneAndDelete({ name: "none" })).toBeNull();
  });
});

describe("journal", () => {
  it("records one mongodb-write event per write with the user and the number of changed documents", async () => {
    const c = await items();
    await c.updateMany({}, { $set: { seen: true } });
    await c.find();
    const [event] = mock.events.list({ type: "mongodb-write" });
    expect(event).toMatchObject({ namespace: "shop.items", operation: "updateMany", count: 3 });
    expect(event?.userId).toMatch(/^[0-9a-f]{24}$/);
    expect(mock.events.list({ type: "mongodb-write" })).toHaveLength(1);
  });
});
