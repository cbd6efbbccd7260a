import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { rawAction, rawLogin } from "../support/raw.js";
import { expectMongoRefusal, realmApp, serve } from "../support/realm.js";
import { statePoint } from "../support/state-point.js";

// Issue 8 §2 and §3: what the engine cannot evaluate is a 400 MongoDBError with the reason, never a 500.
const mock = createMockApp({
  id: "engine-errors-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  data: { "mongodb-atlas": { db: { items: [{ _id: 1, n: 1, s: "abc" }] } } },
});
serve(mock);

type Item = { _id: unknown; [field: string]: unknown };

async function items() {
  const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return user.mongoClient("mongodb-atlas").db("db").collection<Item>("items");
}

const refused = (promise: Promise<unknown>, reason: RegExp) => expectMongoRefusal(mock, promise, reason);

/** A document nested `levels` deep: `{ a: { a: … { a: 1 } } }`. */
function nested(levels: number): Record<string, unknown> {
  let doc: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < levels; i++) doc = { a: doc };
  return doc;
}

describe("evaluation errors", () => {
  it("answers an unknown $expr operator with 400, with and without a sort", async () => {
    const c = await items();
    await refused(c.find({ $expr: { $foo: 1 } }), /\$foo/);
    await refused(c.find({ $expr: { $foo: 1 } }, { sort: { n: 1 } }), /\$foo/);
    await refused(c.count({ $expr: { $foo: 1 } }), /\$foo/);
    await refused(c.deleteMany({ $expr: { $foo: 1 } }), /\$foo/);
  });

  it("answers errors raised while matching, updating and aggregating with 400", async () => {
    const c = await items();
    await refused(c.find({ $expr: { $eq: [{ $toInt: "$s" }, 1] } }), /cannot convert 'abc' to int/);
    await refused(c.updateOne({ _id: 1 }, [{ $set: { q: { $divide: [1, 0] } } }] as never), /divide by zero/);
    await refused(
      c.aggregate([{ $project: { r: { $regexMatch: { input: "$s", regex: "(" } } } }]),
      /regular expression/i,
    );
    await refused(c.aggregate([{ $nope: {} }]), /\$nope/);
  });

  it("answers server-side JavaScript ($where, $function, $accumulator) with a clear 400", async () => {
    const c = await items();
    const unsupported = /is not supported: app-services-mock runs no server-side JavaScript/;
    await refused(c.find({ $where: "this.n === 1" }), unsupported);
    await refused(
      c.find({ $expr: { $function: { body: "function () { return true }", args: [], lang: "js" } } }),
      unsupported,
    );
    await refused(
      c.aggregate([
        {
          $group: {
            _id: null,
            x: { $accumulator: { init: "function () {}", accumulate: "", merge: "", lang: "js" } },
          },
        },
      ]),
      unsupported,
    );
  });
});

describe("refusals consume no ids", () => {
  it("gives back the ids an upsert or insert drew before it was refused", async () => {
    const c = await items();
    // `refused` checks that the id sequence did not move.
    await refused(c.updateOne({ n: 99 }, { $set: { _id: 5 } }, { upsert: true }), /immutable field '_id'/);
    await refused(c.insertMany([{ a: 1 }, { _id: 1 }]), /Duplicate key error/);
    await refused(c.insertOne({ deep: nested(120) }), /depth of 100/);
    const before = statePoint(mock).idCounter;
    await c.insertOne({ a: 2 });
    expect(statePoint(mock).idCounter).toBe(before + 1);
  });

  it("does the same for collection handles (functions and tests)", async () => {
    const handle = mock.service("mongodb-atlas").db("db").collection("items");
    const before = statePoint(mock).idCounter;
    await expect(handle.insertMany([{ a: 1 }, { _id: 1 }])).rejects.toThrow(/Duplicate key error/);
    await expect(handle.updateOne({ n: 99 }, { $set: { _id: 5 } }, { upsert: true })).rejects.toThrow(/_id/);
    expect(statePoint(mock).idCounter).toBe(before);
  });
});

describe("nesting and size limits", () => {
  it("refuses documents nested deeper than 100 levels, and keeps the collection readable", async () => {
    const c = await items();
    await refused(c.insertOne({ _id: 2, deep: nested(150) }), /nested object depth of 100/);
    await refused(c.updateOne({ _id: 1 }, { $set: { [Array(120).fill("a").join(".")]: 1 } }), /depth of 100/);
    await refused(c.find({ deep: nested(150) }), /depth of 100/);
    await c.insertOne({ _id: 4, deep: nested(90) });
    expect(await c.find({})).toHaveLength(2);
  });

  it("refuses a 2,500-level document sent on the wire (realm-web itself cannot encode one)", async () => {
    const { access_token } = await rawLogin(mock, "ada@example.com", "password1");
    const deep = `${'{"a":'.repeat(2500)}1${"}".repeat(2500)}`;
    const reply = await rawAction(mock, access_token, "insertOne", `"document":{"_id":3,"deep":${deep}}`);
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ error_code: "MongoDBError" });
    expect((await rawAction(mock, access_token, "find", `"query":{}`)).status).toBe(200);
  });

  it("refuses a write that would store a document over 16 MB", async () => {
    const c = await items();
    const nineMegabytes = "x".repeat(9 * 1024 * 1024);
    await c.updateOne({ _id: 1 }, { $set: { big1: nineMegabytes } });
    await refused(
      c.updateOne({ _id: 1 }, { $set: { big2: nineMegabytes } }),
      /exceeds the maximum BSON document size/,
    );
    await refused(c.insertOne({ _id: 5, big: `${nineMegabytes}${nineMegabytes}` }), /16 MB/);
    expect(await c.count({})).toBe(1);
  });
});

describe("EJSON values in requests", () => {
  it("answers invalid $date, $oid, $numberDecimal, $numberLong, $numberInt and $binary with 400", async () => {
    const { access_token } = await rawLogin(mock, "ada@example.com", "password1");
    for (const value of [
      `{"$date":"garbage"}`,
      `{"$date":{"$numberLong":"x"}}`,
      `{"$date":{"$numberLong":"99999999999999999"}}`,
      `{"$oid":"garbage"}`,
      `{"$numberDecimal":"garbage"}`,
      `{"$numberLong":"garbage"}`,
      `{"$numberInt":"4294967296"}`,
      `{"$numberDouble":"one"}`,
      `{"$binary":{"base64":"!!","subType":"00"}}`,
    ]) {
      const before = statePoint(mock);
      const reply = await rawAction(mock, access_token, "insertOne", `"document":{"_id":9,"v":${value}}`);
      expect.soft(reply.status, value).toBe(400);
      expect.soft(await reply.json(), value).toMatchObject({ error_code: "BadRequest" });
      expect(statePoint(mock).state).toBe(before.state);
    }
  });

  it("still decodes valid EJSON as before", async () => {
    const { access_token } = await rawLogin(mock, "ada@example.com", "password1");
    const reply = await rawAction(
      mock,
      access_token,
      "insertOne",
      `"document":{"_id":9,"d":{"$date":{"$numberLong":"0"}},"n":{"$numberInt":"5"},"x":{"$numberDouble":"NaN"}}`,
    );
    expect(reply.status).toBe(200);
    const stored = await mock.service("mongodb-atlas").db("db").collection("items").findOne({ _id: 9 });
    expect(stored).toEqual({ _id: 9, d: new Date(0), n: 5, x: Number.NaN });
  });
});

describe("watch streams", () => {
  type Change = { operationType: string; documentKey: { _id: unknown } };

  function streamsOpened(count: number): Promise<void> {
    return new Promise((resolve) => {
      let seen = 0;
      const listener = ({ request }: { request: Request }) => {
        if (request.method === "GET" && request.url.includes("baas_request=") && ++seen === count) {
          server.events.removeListener("response:mocked", listener);
          resolve();
        }
      };
      server.events.on("response:mocked", listener);
    });
  }

  it("refuses a watch with an invalid filter when it opens", async () => {
    const c = await items();
    for (const filter of [{ $foo: 1 }, { $expr: { $foo: 1 } }, { $where: "true" }, { "__proto__.x": 1 }]) {
      const stream = c.watch({ filter } as never) as unknown as AsyncGenerator<Change>;
      await expect(stream.next(), JSON.stringify(filter)).rejects.toMatchObject({
        statusCode: 400,
        errorCode: "MongoDBError",
      });
    }
  });

  it("closes a stream whose filter fails later with an error event; writers and other streams carry on", async () => {
    const c = await items();
    const opened = streamsOpened(2);
    const failing = c.watch({
      filter: { $expr: { $eq: [{ $toInt: "$fullDocument.s" }, 1] } },
    } as never) as unknown as AsyncGenerator<Change>;
    const healthy = c.watch() as unknown as AsyncGenerator<Change>;
    await opened;
    expect(await c.insertOne({ _id: 10, s: "not a number" })).toEqual({ insertedId: 10 });
    await expect(failing.next()).rejects.toMatchObject({ name: "WatchError", code: "MongoDBError" });
    expect(await c.insertOne({ _id: 11, s: "1" })).toEqual({ insertedId: 11 });
    const first = await healthy.next();
    const second = await healthy.next();
    expect([first.value?.documentKey._id, second.value?.documentKey._id]).toEqual([10, 11]);
    expect(await c.count({})).toBe(3);
  });
});
