import { ObjectId } from "bson";
import { expect, it } from "vitest";
import { type Doc, type DocMap, runAction } from "../../../src/mongodb/index.js";
import { contents, createTestEnv, docMap, generatedId, NS } from "./support.js";

const tasks = docMap([
  { _id: 1, title: "a", done: false, n: 1 },
  { _id: 2, title: "b", done: true, n: 2 },
  { _id: 3, title: "c", done: false, n: 3 },
]);
const update = (action: string, arg: Doc, docs: DocMap = tasks) =>
  runAction(action, arg, docs, createTestEnv(), NS);

it("updates the first match with updateOne and reports matched and modified counts without upsertedId", () => {
  const { docs, result } = update("updateOne", { query: { done: false }, update: { $set: { done: true } } });
  expect(result).toEqual({ matchedCount: 1, modifiedCount: 1 });
  expect(result).not.toHaveProperty("upsertedId");
  expect(contents(docs).map((doc) => doc.done)).toEqual([true, true, false]);
});

it("updates every match with updateMany using $inc and $unset", () => {
  const { docs, result } = update("updateMany", {
    query: {},
    update: { $inc: { n: 10 }, $unset: { done: "" } },
  });
  expect(result).toEqual({ matchedCount: 3, modifiedCount: 3 });
  expect(contents(docs)).toEqual([
    { _id: 1, title: "a", n: 11 },
    { _id: 2, title: "b", n: 12 },
    { _id: 3, title: "c", n: 13 },
  ]);
});

it("counts only documents that actually changed in modifiedCount", () => {
  const { docs, result, changes } = update("updateMany", { query: {}, update: { $set: { done: true } } });
  expect(result).toEqual({ matchedCount: 3, modifiedCount: 2 });
  expect(changes.map((change) => change.documentKey._id)).toEqual([1, 3]);
  expect(docs.get("n:2")).toBe(tasks.get("n:2"));
});

it("reports zero counts and leaves the map untouched when nothing matches", () => {
  const { docs, result } = update("updateOne", { query: { title: "zzz" }, update: { $set: { done: true } } });
  expect(result).toEqual({ matchedCount: 0, modifiedCount: 0 });
  expect(docs).toBe(tasks);
});

it("upserts with an operator update from the filter's equality fields", () => {
  const { docs, result } = update("updateOne", {
    query: { title: "new", $and: [{ owner: { $eq: "ann" } }], n: { $gt: 5 }, "meta.kind": "x" },
    update: { $set: { done: false }, $inc: { count: 1 } },
    upsert: true,
  });
  expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: generatedId(1) });
  expect(contents(docs)[3]).toEqual({
    _id: generatedId(1),
    title: "new",
    owner: "ann",
    meta: { kind: "x" },
    done: false,
    count: 1,
  });
});

it("takes the upserted _id from the filter when it names one", () => {
  const { docs, result } = update("updateMany", {
    query: { _id: "custom" },
    update: { $set: { v: 1 } },
    upsert: true,
  });
  expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: "custom" });
  expect(contents(docs)[3]).toEqual({ _id: "custom", v: 1 });
});

it("applies $setOnInsert only when the upsert inserts", () => {
  const arg = {
    query: { title: "a" },
    update: { $set: { n: 5 }, $setOnInsert: { createdBy: "me" } },
    upsert: true,
  };
  const matched = update("updateOne", arg);
  expect(matched.result).toEqual({ matchedCount: 1, modifiedCount: 1 });
  expect(matched.docs.get("n:1")).toEqual({ _id: 1, title: "a", done: false, n: 5 });

  const inserted = update("updateOne", { ...arg, query: { title: "z" } });
  expect(inserted.result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: generatedId(1) });
  expect(contents(inserted.docs)[3]).toEqual({ _id: generatedId(1), title: "z", n: 5, createdBy: "me" });
});

it("treats an update made only of $setOnInsert as a no-op on a match", () => {
  const { result, docs } = update("updateOne", {
    query: { _id: 1 },
    update: { $setOnInsert: { x: 1 } },
    upsert: true,
  });
  expect(result).toEqual({ matchedCount: 1, modifiedCount: 0 });
  expect(docs).toBe(tasks);
});

it("replaces a document when the update has no operators, keeping its _id", () => {
  const { docs, result, changes } = update("updateOne", { query: { title: "b" }, update: { other: true } });
  expect(result).toEqual({ matchedCount: 1, modifiedCount: 1 });
  expect(docs.get("n:2")).toEqual({ _id: 2, other: true });
  expect(changes[0]?.operationType).toBe("replace");
});

it("upserts a replacement holding only _id and the replacement's fields", () => {
  const { docs, result } = update("updateOne", {
    query: { title: "missing", n: 9 },
    update: { title: "fresh" },
    upsert: true,
  });
  expect(result).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: generatedId(1) });
  expect(contents(docs)[3]).toEqual({ _id: generatedId(1), title: "fresh" });
});

it("rejects an upsert whose filter _id already exists with a Duplicate key error", () => {
  expect(() =>
    update("updateOne", { query: { _id: 1, title: "other" }, update: { $set: { v: 1 } }, upsert: true }),
  ).toThrow("Duplicate key error collection: db.items index: _id_ dup key: { _id: 1 }");
});

it("rejects a replacement that changes _id", () => {
  expect(() => update("updateOne", { query: { _id: 1 }, update: { _id: 99, title: "x" } })).toThrow(
    /immutable\) field '_id'/,
  );
  expect(update("updateOne", { query: { _id: 1 }, update: { _id: 1, title: "x" } }).docs.get("n:1")).toEqual({
    _id: 1,
    title: "x",
  });
});

it("updates array elements selected by arrayFilters", () => {
  const docs = docMap([
    {
      _id: new ObjectId("65b000000000000000000001"),
      values: [
        { id: 1, status: "open" },
        { id: 2, status: "open" },
        { id: 3, status: "closed" },
      ],
    },
  ]);
  const { docs: next, result } = update(
    "updateOne",
    {
      query: {},
      update: { $set: { "values.$[element].status": "done" } },
      arrayFilters: [{ "element.id": { $gte: 2 } }],
    },
    docs,
  );
  expect(result).toEqual({ matchedCount: 1, modifiedCount: 1 });
  expect(contents(next)[0]?.values).toEqual([
    { id: 1, status: "open" },
    { id: 2, status: "done" },
    { id: 3, status: "done" },
  ]);
});

it("updates the array element matched by the query with the positional $ operator", () => {
  const docs = docMap([{ _id: 1, grades: [80, 85, 90] }]);
  const { docs: next } = update(
    "updateOne",
    { query: { _id: 1, grades: 85 }, update: { $set: { "grades.$": 86 } } },
    docs,
  );
  expect(next.get("n:1")).toEqual({ _id: 1, grades: [80, 86, 90] });
  const items = docMap([
    {
      _id: 1,
      items: [
        { sku: "a", qty: 1 },
        { sku: "b", qty: 1 },
      ],
    },
  ]);
  const { docs: nextItems } = update(
    "updateOne",
    { query: { "items.sku": "b" }, update: { $inc: { "items.$.qty": 2 } } },
    items,
  );
  expect(nextItems.get("n:1")?.items).toEqual([
    { sku: "a", qty: 1 },
    { sku: "b", qty: 3 },
  ]);
});

it("evaluates $expr with any expression operator in filters, also with the positional $", () => {
  const plus = { $expr: { $gt: [{ $add: ["$n", 1] }, 2] } };
  expect(update("find", { query: plus }).result).toEqual([
    { _id: 2, title: "b", done: true, n: 2 },
    { _id: 3, title: "c", done: false, n: 3 },
  ]);
  expect(update("updateMany", { query: plus, update: { $inc: { n: 1 } } }).result).toEqual({
    matchedCount: 2,
    modifiedCount: 2,
  });
  const docs = docMap([{ _id: 1, grades: [80, 85, 90] }]);
  const { docs: next } = update(
    "updateOne",
    {
      query: { grades: 85, $expr: { $eq: [{ $size: "$grades" }, 3] } },
      update: { $set: { "grades.$": 86 } },
    },
    docs,
  );
  expect(next.get("n:1")).toEqual({ _id: 1, grades: [80, 86, 90] });
});

it("supports $push, $addToSet and $pull on arrays", () => {
  const docs = docMap([{ _id: 1, tags: ["a"] }]);
  const { docs: next } = update(
    "updateOne",
    { query: { _id: 1 }, update: { $push: { tags: "b" }, $addToSet: { more: "x" } } },
    docs,
  );
  expect(next.get("n:1")).toEqual({ _id: 1, tags: ["a", "b"], more: ["x"] });
  const pulled = update("updateOne", { query: { _id: 1 }, update: { $pull: { tags: "a" } } }, next);
  expect(pulled.docs.get("n:1")).toEqual({ _id: 1, tags: ["b"], more: ["x"] });
});

it("applies an aggregation-pipeline update", () => {
  const { docs } = update("updateOne", {
    query: { _id: 3 },
    update: [{ $set: { double: { $multiply: ["$n", 2] } } }],
  });
  expect(docs.get("n:3")).toEqual({ _id: 3, title: "c", done: false, n: 3, double: 6 });
});

it("rejects an update without an update document and a mix of operators and fields", () => {
  expect(() => update("updateOne", { query: {} })).toThrow(
    expect.objectContaining({ code: "BadRequest", message: "updateOne: missing required argument 'update'" }),
  );
  expect(() => update("updateMany", { query: {}, update: { $set: { a: 1 }, b: 2 } })).toThrow(
    expect.objectContaining({ code: "MongoDBError", message: expect.stringMatching(/Unknown modifier: b/) }),
  );
  expect(() => update("updateOne", { query: {}, update: { $frobnicate: { a: 1 } } })).toThrow(
    expect.objectContaining({ code: "MongoDBError" }),
  );
  expect(() => update("updateOne", { query: {}, update: 5 })).toThrow(
    expect.objectContaining({ code: "InvalidParameter" }),
  );
});
