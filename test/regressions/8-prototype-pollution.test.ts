import * as Realm from "realm-web";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { rawAction, rawLogin } from "../support/raw.js";
import { expectMongoRefusal, realmApp, serve } from "../support/realm.js";
import { statePoint } from "../support/state-point.js";

// Issue 8 §2: no key or path a client sends can reach Object.prototype; each vector answers 400 MongoDBError.
const mock = createMockApp({
  id: "pollution-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  data: { "mongodb-atlas": { db: { items: [{ _id: "seed", a: { b: 1 }, arr: [{ x: 1 }] }] } } },
});
serve(mock);

type Item = { _id: unknown; [field: string]: unknown };
let protoNames: string[] = [];

beforeEach(() => {
  protoNames = Object.getOwnPropertyNames(Object.prototype);
});

afterEach(() => {
  // Object.prototype unchanged: no new property, and none of the usual payload names readable from a literal.
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(protoNames);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function items() {
  const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return user.mongoClient("mongodb-atlas").db("db").collection<Item>("items");
}

const refused = (promise: Promise<unknown>, reason: RegExp) => expectMongoRefusal(mock, promise, reason);

const reserved = /is not allowed \('(__proto__|constructor|prototype)' is reserved\)/;

describe("prototype keys through realm-web", () => {
  it("refuses '__proto__.isAdmin' in an upsert filter (updateOne)", async () => {
    const c = await items();
    await refused(
      c.updateOne({ _id: "x", "__proto__.isAdmin": true }, { $set: { a: 1 } }, { upsert: true }),
      reserved,
    );
  });

  it("refuses the same through $and and $eq in the upsert filter", async () => {
    const c = await items();
    await refused(
      c.updateOne(
        { $and: [{ _id: "x" }, { "__proto__.isAdmin": true }] },
        { $set: { a: 1 } },
        { upsert: true },
      ),
      reserved,
    );
    await refused(
      c.updateOne({ _id: "x", "__proto__.isAdmin": { $eq: true } }, { $set: { a: 1 } }, { upsert: true }),
      reserved,
    );
  });

  it("refuses 'a.__proto__.b', 'constructor.prototype' and 'prototype' paths in updates", async () => {
    const c = await items();
    await refused(c.updateOne({ _id: "seed" }, { $set: { "a.__proto__.polluted": 1 } }), reserved);
    await refused(
      c.updateOne({ _id: "seed" }, { $set: { "constructor.prototype.isAdmin": true } }),
      reserved,
    );
    await refused(c.updateMany({}, { $inc: { "a.prototype": 1 } }), reserved);
    await refused(c.updateOne({ _id: "seed" }, { $rename: { a: "__proto__.polluted" } }), reserved);
    await refused(c.updateOne({ _id: "seed" }, [{ $unset: "__proto__.toString" }] as never), reserved);
  });

  it("refuses prototype keys in findOneAndUpdate and findOneAndReplace", async () => {
    const c = await items();
    await refused(
      c.findOneAndUpdate({ "__proto__.isAdmin": true }, { $set: { a: 1 } }, { upsert: true }),
      reserved,
    );
    await refused(
      c.findOneAndReplace({ _id: "seed" }, JSON.parse('{"__proto__": {"isAdmin": true}}')),
      reserved,
    );
  });

  it("refuses prototype keys in documents, projections, sorts and pipelines", async () => {
    const c = await items();
    await refused(c.insertOne(JSON.parse('{"_id": "p", "__proto__": {"isAdmin": true}}')), reserved);
    await refused(
      c.insertMany([{ _id: "q", nested: JSON.parse('{"constructor": {"prototype": 1}}') }]),
      reserved,
    );
    await refused(c.find({}, { projection: { "__proto__.isAdmin": 1 } }), reserved);
    await refused(c.find({}, { sort: { constructor: 1 } }), reserved);
    await refused(c.aggregate([{ $addFields: { "__proto__.isAdmin": true } }]), reserved);
    await refused(c.aggregate([{ $project: { x: "$__proto__.isAdmin" } }]), reserved);
  });

  it("refuses array-filter identifiers that are prototype keys or not MongoDB identifiers", async () => {
    const c = await items();
    const update = (id: string) => ({ $set: { [`arr.$[${id}].x`]: 2 } });
    await refused(
      c.updateOne({ _id: "seed" }, update("__proto__"), { arrayFilters: [{ "__proto__.x": 1 }] } as never),
      /'__proto__'/,
    );
    for (const id of ["Elem", "1e", "e-1"]) {
      await refused(
        c.updateOne({ _id: "seed" }, update(id), { arrayFilters: [{ [`${id}.x`]: 1 }] } as never),
        /array filter identifier .* must begin with a lowercase letter/,
      );
    }
  });

  it("still accepts valid array filters and ordinary field names", async () => {
    const c = await items();
    const result = await c.updateOne({ _id: "seed" }, { $set: { "arr.$[el1].x": 2, proto: "constructor" } }, {
      arrayFilters: [{ "el1.x": 1 }],
    } as never);
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: "seed" })).toMatchObject({ arr: [{ x: 2 }], proto: "constructor" });
  });
});

describe("prototype keys through functions and the test-side handle", () => {
  it("refuses them in collection handles too (the same check as the wire)", async () => {
    const handle = mock.service("mongodb-atlas").db("db").collection("items");
    await expect(handle.insertOne(JSON.parse('{"__proto__": {"isAdmin": true}}'))).rejects.toMatchObject({
      code: "MongoDBError",
      message: expect.stringMatching(reserved),
    });
    await expect(
      handle.updateOne({ _id: "z", "__proto__.isAdmin": true }, { $set: { a: 1 } }, { upsert: true }),
    ).rejects.toMatchObject({ code: "MongoDBError" });
    expect(await handle.count()).toBe(1);
  });
});

describe("prototype keys through mock.handle", () => {
  it("answers every raw vector with 400 MongoDBError and leaves state and prototype alone", async () => {
    const { access_token } = await rawLogin(mock, "ada@example.com", "password1");
    const vectors: [string, string][] = [
      ["updateOne", `"query":{"__proto__":{"isAdmin":true}},"update":{"$set":{"a":1}},"upsert":true`],
      ["updateOne", `"query":{"_id":"x"},"update":{"$set":{"__proto__":{"isAdmin":true}}},"upsert":true`],
      ["updateOne", `"query":{"_id":"x"},"update":{"$setOnInsert":{"__proto__.isAdmin":true}},"upsert":true`],
      ["insertOne", `"document":{"_id":"y","__proto__":{"isAdmin":true}}`],
      [
        "findOneAndUpdate",
        `"filter":{"constructor.prototype.isAdmin":true},"update":{"$set":{"a":1}},"upsert":true`,
      ],
      ["aggregate", `"pipeline":[{"$group":{"_id":null,"__proto__":{"$first":"$a"}}}]`],
      ["find", `"query":{},"sort":{"__proto__":1}`],
    ];
    for (const [action, argument] of vectors) {
      const before = statePoint(mock);
      const reply = await rawAction(mock, access_token, action, argument);
      expect.soft(reply.status, `${action} ${argument}`).toBe(400);
      expect
        .soft(await reply.json())
        .toMatchObject({ error_code: "MongoDBError", error: expect.stringMatching(reserved) });
      expect(statePoint(mock).state).toBe(before.state);
    }
  });
});
