import { ObjectId } from "bson";
import { expect, it } from "vitest";
import { type Doc, runAction } from "../../../src/mongodb/index.js";
import { contents, createTestEnv, docMap, NS } from "./support.js";

const makeDocs = () =>
  docMap([
    { _id: 1, nested: { list: [1, 2], when: new Date(0) }, oid: new ObjectId("65b000000000000000000001") },
    { _id: 2, nested: { list: [3] } },
  ]);
const snapshot = (docs: ReturnType<typeof makeDocs>) => structuredClone(contents(docs));

it("leaves the input map and its documents unchanged after every kind of write", () => {
  const docs = makeDocs();
  const before = snapshot(docs);
  const writes: [string, Doc][] = [
    ["insertOne", { document: { _id: 3 } }],
    ["insertMany", { documents: [{ _id: 4 }] }],
    [
      "updateOne",
      { query: { _id: 1 }, update: { $push: { "nested.list": 9 }, $set: { "nested.when": new Date(5) } } },
    ],
    ["updateMany", { query: {}, update: { $inc: { "nested.list.0": 1 } } }],
    ["updateOne", { query: { _id: 2 }, update: { replaced: true } }],
    ["findOneAndUpdate", { filter: { _id: 1 }, update: { $pop: { "nested.list": 1 } } }],
    ["findOneAndReplace", { filter: { _id: 1 }, update: { x: 1 } }],
    ["findOneAndReplace", { filter: { _id: 1 } }],
    ["findOneAndDelete", { filter: { _id: 1 } }],
    ["deleteMany", {}],
  ];
  for (const [action, arg] of writes) {
    const outcome = runAction(action, arg, docs, createTestEnv(), NS);
    expect(outcome.docs).not.toBe(docs);
  }
  expect(snapshot(docs)).toEqual(before);
  expect(docs.size).toBe(2);
});

it("returns found documents that the caller can mutate without touching the state", () => {
  const docs = makeDocs();
  const found = runAction("find", {}, docs, createTestEnv(), NS).result as Doc[];
  (found[0]!.nested as { list: number[] }).list.push(100);
  (found[0] as Doc).extra = true;
  const one = runAction("findOne", { query: { _id: 2 } }, docs, createTestEnv(), NS).result as Doc;
  (one.nested as { list: number[] }).list.length = 0;
  expect(docs.get("n:1")).toEqual({
    _id: 1,
    nested: { list: [1, 2], when: new Date(0) },
    oid: new ObjectId("65b000000000000000000001"),
  });
  expect(docs.get("n:2")).toEqual({ _id: 2, nested: { list: [3] } });
});

it("does not keep references to the caller's inserted document or update values", () => {
  const document = { _id: 7, tags: ["a"] };
  const { docs } = runAction("insertOne", { document }, makeDocs(), createTestEnv(), NS);
  document.tags.push("mutated");
  const value = { deep: [1] };
  const { docs: updated } = runAction(
    "updateOne",
    { query: { _id: 7 }, update: { $set: { value } } },
    docs,
    createTestEnv(),
    NS,
  );
  value.deep.push(2);
  expect(updated.get("n:7")).toEqual({ _id: 7, tags: ["a"], value: { deep: [1] } });
});

it("shares unchanged documents between the old and new maps", () => {
  const docs = makeDocs();
  const { docs: next } = runAction(
    "updateOne",
    { query: { _id: 1 }, update: { $set: { a: 1 } } },
    docs,
    createTestEnv(),
    NS,
  );
  expect(next.get("n:2")).toBe(docs.get("n:2"));
  expect(next.get("n:1")).not.toBe(docs.get("n:1"));
  expect(next.get("n:1")?.oid).toBe(docs.get("n:1")?.oid);
});

it("keeps a document's position in natural order when it is updated", () => {
  const { docs } = runAction(
    "updateOne",
    { query: { _id: 1 }, update: { z: 1 } },
    makeDocs(),
    createTestEnv(),
    NS,
  );
  expect(contents(docs).map((doc) => doc._id)).toEqual([1, 2]);
});
