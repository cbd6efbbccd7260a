// `_id` equality filters look their document up instead of scanning (src/mongodb/engine.ts). Each call with
// `{ _id: v }` must answer exactly as the scanning form `{ _id: { $eq: v } }`, with and without rules.
import { ObjectId } from "bson";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type MockApp } from "../../src/index.js";
import { realmFailure, serve } from "../support/realm.js";
import { collectionFor, createRulesApp } from "../support/rules-app.js";

const HEX = "65a0000000000000000000aa";
const mock = createMockApp({
  id: "id-lookup-app",
  users: [{ email: "ids@example.com", password: "password1" }],
  data: {
    "mongodb-atlas": {
      db: {
        items: [
          { _id: new ObjectId(HEX), n: 1 },
          { _id: HEX, n: 2 },
          { _id: 5, n: 3 },
          { _id: "5", n: 4 },
          { _id: { nested: 5 }, n: 5 },
          { _id: new Date(5), n: 6 },
          { _id: 7.5, n: 7 },
        ],
      },
    },
  },
});
const rulesMock = createRulesApp("id-lookup-rules-app");
serve(mock, rulesMock);

async function items() {
  const user = await new Realm.App({ id: mock.id, baseUrl: mock.baseUrl }).logIn(
    Realm.Credentials.emailPassword("ids@example.com", "password1"),
  );
  return user.mongoClient("mongodb-atlas").db("db").collection("items");
}

const stored = (m: MockApp = mock, db = "db", collection = "items") =>
  m.service("mongodb-atlas").db(db).collection(collection).find({});

/** Runs `write` against `m`, returns its result and the stored documents after it, and restores `m`. */
async function writeAndRestore(m: MockApp, write: () => Promise<unknown>, db?: string, coll?: string) {
  const before = m.snapshot();
  const result = await write();
  const after = await stored(m, db, coll);
  m.restore(before);
  return { result, after };
}

/** `_id` values of every shape a client sends: bson 4 (realm-web) and bson 7 ObjectIds, strings, numbers. */
const IDS: [string, unknown][] = [
  ["realm-web ObjectId", new Realm.BSON.ObjectId(HEX)],
  ["bson 7 ObjectId", new ObjectId(HEX)],
  ["hex string", HEX],
  ["number", 5],
  ["numeric string", "5"],
  ["fraction", 7.5],
  ["absent ObjectId", new Realm.BSON.ObjectId()],
  ["absent number", 6],
];

describe("_id lookups answer as the scan does", () => {
  it.each(IDS)("findOne, find, count with a %s", async (_label, id) => {
    const coll = await items();
    expect(await coll.findOne({ _id: id })).toEqual(await coll.findOne({ _id: { $eq: id } }));
    expect(await coll.find({ _id: id, n: { $gte: 2 } })).toEqual(
      await coll.find({ _id: { $eq: id }, n: { $gte: 2 } }),
    );
    expect(await coll.find({ $and: [{ _id: id }, { n: { $lt: 4 } }] })).toEqual(
      await coll.find({ $and: [{ _id: { $eq: id } }, { n: { $lt: 4 } }] }),
    );
    expect(await coll.count({ _id: id })).toBe(await coll.count({ _id: { $eq: id } }));
  });

  it.each(IDS)("updateOne, deleteOne, findOneAndUpdate with a %s", async (_label, id) => {
    const coll = await items();
    for (const write of [
      (filter: Record<string, unknown>) => coll.updateOne(filter, { $inc: { n: 10 } }),
      (filter: Record<string, unknown>) => coll.updateOne(filter, { $set: { n: 0 } }, { upsert: true }),
      (filter: Record<string, unknown>) => coll.deleteOne(filter),
      (filter: Record<string, unknown>) =>
        coll.findOneAndUpdate(filter, { $inc: { n: 1 } }, { returnNewDocument: true }),
    ]) {
      const fast = await writeAndRestore(mock, () => write({ _id: id }));
      const scan = await writeAndRestore(mock, () => write({ _id: { $eq: id } }));
      expect(fast).toEqual(scan);
    }
  });

  it("the same errors: a bad operator beside an _id fails as it does in a scan", async () => {
    const coll = await items();
    const fast = await realmFailure(coll.findOne({ _id: 5, n: { $bogus: 1 } }));
    const scan = await realmFailure(coll.findOne({ _id: { $eq: 5 }, n: { $bogus: 1 } }));
    expect(fast.error).toBe(scan.error);
    expect(fast.statusCode).toBe(400);
  });

  it("count({}) answers the size, and a limit caps it", async () => {
    const coll = await items();
    expect(await coll.count({})).toBe(7);
    expect(await coll.count({}, { limit: 3 })).toBe(3);
    await coll.insertOne({ n: 8 });
    await coll.deleteOne({ _id: 5 });
    expect(await coll.count({})).toBe(7);
    expect(await coll.count()).toBe((await stored()).length);
  });

  it("an array _id is refused, as MongoDB does, and nothing is stored", async () => {
    const coll = await items();
    const error = await realmFailure(coll.insertOne({ _id: [1, 2], n: 9 }));
    expect(error.error).toContain("The '_id' value cannot be of type array");
    expect(await stored()).toHaveLength(7);
    expect(() =>
      createMockApp({ id: "array-id", data: { "mongodb-atlas": { db: { c: [{ _id: [1] }] } } } }),
    ).toThrow(/array _id/);
  });
});

describe("_id lookups under rules", () => {
  it("reads see only permitted documents, as the scan does", async () => {
    const notes = await collectionFor(rulesMock, "bo", "notes");
    for (const id of [1, 2, 3, 4]) {
      expect(await notes.findOne({ _id: id })).toEqual(await notes.findOne({ _id: { $eq: id } }));
    }
    expect(await notes.findOne({ _id: 1 })).toBeNull(); // ada's note
    expect(await notes.findOne({ _id: 2 })).toMatchObject({ _id: 2, text: "bo's note" });
  });

  it("writes match only permitted documents, as the scan does", async () => {
    const notes = await collectionFor(rulesMock, "bo", "notes");
    for (const id of [1, 2, 4]) {
      for (const write of [
        (filter: Record<string, unknown>) => notes.updateOne(filter, { $set: { text: "x" } }),
        (filter: Record<string, unknown>) => notes.deleteOne(filter),
      ]) {
        const fast = await writeAndRestore(rulesMock, () => write({ _id: id }), "shop", "notes");
        const scan = await writeAndRestore(rulesMock, () => write({ _id: { $eq: id } }), "shop", "notes");
        expect(fast).toEqual(scan);
      }
    }
    expect(await notes.updateOne({ _id: 1 }, { $set: { text: "hacked" } })).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
    });
    expect(await notes.deleteOne({ _id: 3 })).toEqual({ deletedCount: 1 });
  });
});
