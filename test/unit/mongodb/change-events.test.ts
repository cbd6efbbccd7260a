import { Timestamp } from "bson";
import { OrderedMap } from "immutable";
import { expect, it } from "vitest";
import { runAction } from "../../../src/mongodb/index.js";
import { createTestEnv, docMap, generatedId, NS } from "./support.js";

const docs = docMap([
  { _id: 1, a: 1, b: 2 },
  { _id: 2, a: 1, b: 3 },
]);

it("emits an insert event with fullDocument, ns, documentKey and a cluster time from env.now()", () => {
  const { changes } = runAction("insertOne", { document: { x: 1 } }, OrderedMap(), createTestEnv(), NS);
  expect(changes).toHaveLength(1);
  const [event] = changes;
  expect(event).toEqual({
    _id: { _data: expect.stringMatching(/^82[0-9a-f]{24}$/) },
    operationType: "insert",
    clusterTime: new Timestamp({ t: 1_700_000_000, i: 1 }),
    fullDocument: { _id: generatedId(1), x: 1 },
    ns: { db: "db", coll: "items" },
    documentKey: { _id: generatedId(1) },
  });
  expect(Object.keys(event ?? {})).toEqual([
    "_id",
    "operationType",
    "clusterTime",
    "fullDocument",
    "ns",
    "documentKey",
  ]);
});

it("emits update events with top-level updatedFields, removedFields and the post-image", () => {
  const { changes } = runAction(
    "updateMany",
    { query: {}, update: { $set: { b: 3, "c.d": 1 }, $unset: { a: "" } } },
    docs,
    createTestEnv(),
    NS,
  );
  expect(changes.map((change) => change.operationType)).toEqual(["update", "update"]);
  expect(changes[0]?.updateDescription).toEqual({
    updatedFields: { b: 3, c: { d: 1 } },
    removedFields: ["a"],
  });
  expect(changes[1]?.updateDescription).toEqual({ updatedFields: { c: { d: 1 } }, removedFields: ["a"] });
  expect(changes[1]?.fullDocument).toEqual({ _id: 2, b: 3, c: { d: 1 } });
  expect(changes.map((change) => change.clusterTime.getLowBits())).toEqual([1, 2]);
});

it("emits a replace event for replacements and a delete event with only the document key", () => {
  const replaced = runAction("updateOne", { query: { _id: 1 }, update: { z: 9 } }, docs, createTestEnv(), NS);
  expect(replaced.changes).toMatchObject([{ operationType: "replace", fullDocument: { _id: 1, z: 9 } }]);
  expect(replaced.changes[0]).not.toHaveProperty("updateDescription");
  const deleted = runAction("deleteMany", {}, docs, createTestEnv(), NS);
  expect(deleted.changes).toHaveLength(2);
  expect(deleted.changes[1]).toEqual({
    _id: { _data: expect.any(String) },
    operationType: "delete",
    clusterTime: new Timestamp({ t: 1_700_000_000, i: 2 }),
    ns: { db: "db", coll: "items" },
    documentKey: { _id: 2 },
  });
});

it("emits an insert event for an upsert and none for reads or no-op updates", () => {
  const upsert = runAction(
    "updateOne",
    { query: { _id: 5 }, update: { $set: { a: 1 } }, upsert: true },
    docs,
    createTestEnv(),
    NS,
  );
  expect(upsert.changes).toMatchObject([{ operationType: "insert", fullDocument: { _id: 5, a: 1 } }]);
  expect(runAction("find", {}, docs, createTestEnv(), NS).changes).toEqual([]);
  expect(
    runAction("updateOne", { query: { _id: 1 }, update: { $set: { a: 1 } } }, docs, createTestEnv(), NS)
      .changes,
  ).toEqual([]);
});

it("uses env.nextEventOrdinal for the cluster-time increment and distinct resume tokens", () => {
  let ordinal = 40;
  const env = createTestEnv({ nextEventOrdinal: () => ++ordinal });
  const { changes } = runAction("insertMany", { documents: [{ a: 1 }, { a: 2 }] }, OrderedMap(), env, NS);
  expect(changes.map((change) => change.clusterTime.getLowBits())).toEqual([41, 42]);
  expect(changes[0]?._id._data).not.toBe(changes[1]?._id._data);
});
