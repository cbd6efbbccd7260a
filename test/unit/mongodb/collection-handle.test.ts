import { OrderedMap } from "immutable";
import { expect, it } from "vitest";
import {
  type ChangeEvent,
  type CollectionCell,
  createCollectionHandle,
  type DocMap,
  MongoActionError,
} from "../../../src/mongodb/index.js";
import { contents, createTestEnv, generatedId, NS } from "./support.js";

interface Task extends Record<string, unknown> {
  _id: unknown;
  title: string;
  done: boolean;
}

function createCell(initial: DocMap = OrderedMap()) {
  let docs = initial;
  const published: ChangeEvent[] = [];
  let writes = 0;
  const cell: CollectionCell = {
    get: () => docs,
    set: (next, changes) => {
      docs = next;
      published.push(...changes);
      writes++;
    },
  };
  return { cell, published, docs: () => docs, writes: () => writes };
}

it("inserts, finds, counts and aggregates through the handle", async () => {
  const store = createCell();
  const tasks = createCollectionHandle<Task>(store.cell, createTestEnv(), NS);
  await expect(tasks.insertOne({ title: "a", done: false })).resolves.toEqual({ insertedId: generatedId(1) });
  await expect(
    tasks.insertMany([
      { title: "b", done: true },
      { title: "c", done: false },
    ]),
  ).resolves.toEqual({
    insertedIds: [generatedId(2), generatedId(3)],
  });
  await expect(
    tasks.find({ done: false }, { projection: { title: 1, _id: 0 }, sort: { title: -1 } }),
  ).resolves.toEqual([{ title: "c" }, { title: "a" }]);
  await expect(tasks.find({}, { limit: 1 })).resolves.toEqual([
    { _id: generatedId(1), title: "a", done: false },
  ]);
  await expect(tasks.findOne({ title: "b" }, { projection: { done: 1 } })).resolves.toEqual({
    _id: generatedId(2),
    done: true,
  });
  await expect(tasks.count()).resolves.toBe(3);
  await expect(tasks.count({}, { limit: 2 })).resolves.toBe(2);
  await expect(
    tasks.aggregate([{ $group: { _id: "$done", n: { $sum: 1 } } }, { $sort: { n: -1 } }]),
  ).resolves.toEqual([
    { _id: false, n: 2 },
    { _id: true, n: 1 },
  ]);
  expect(store.published.map((event) => event.operationType)).toEqual(["insert", "insert", "insert"]);
});

it("updates, upserts and replaces through the handle", async () => {
  const store = createCell();
  const tasks = createCollectionHandle<Task>(store.cell, createTestEnv(), NS);
  await tasks.insertMany([
    { _id: 1, title: "a", done: false },
    { _id: 2, title: "b", done: false },
  ]);
  await expect(tasks.updateOne({ _id: 1 }, { $set: { done: true } })).resolves.toEqual({
    matchedCount: 1,
    modifiedCount: 1,
  });
  await expect(tasks.updateMany({}, { $set: { done: true } })).resolves.toEqual({
    matchedCount: 2,
    modifiedCount: 1,
  });
  await expect(tasks.updateOne({ _id: 9 }, { $set: { title: "z" } }, { upsert: true })).resolves.toEqual({
    matchedCount: 0,
    modifiedCount: 0,
    upsertedId: 9,
  });
  await expect(
    tasks.findOneAndUpdate({ _id: 2 }, { $set: { title: "B" } }, { returnNewDocument: true }),
  ).resolves.toEqual({ _id: 2, title: "B", done: true });
  await expect(tasks.findOneAndReplace({ _id: 2 }, { title: "only" })).resolves.toEqual({
    _id: 2,
    title: "B",
    done: true,
  });
  expect(contents(store.docs())).toEqual([
    { _id: 1, title: "a", done: true },
    { _id: 2, title: "only" },
    { _id: 9, title: "z" },
  ]);
});

it("really deletes with findOneAndDelete, deleteOne and deleteMany", async () => {
  const store = createCell();
  const tasks = createCollectionHandle<Task>(store.cell, createTestEnv(), NS);
  await tasks.insertMany([
    { _id: 1, title: "a", done: false },
    { _id: 2, title: "b", done: true },
    { _id: 3, title: "c", done: true },
  ]);
  await expect(tasks.findOneAndDelete({ done: true }, { sort: { title: -1 } })).resolves.toEqual({
    _id: 3,
    title: "c",
    done: true,
  });
  await expect(tasks.deleteOne({ _id: 1 })).resolves.toEqual({ deletedCount: 1 });
  await expect(tasks.deleteMany()).resolves.toEqual({ deletedCount: 1 });
  await expect(tasks.findOneAndDelete()).resolves.toBeNull();
  expect(store.docs().size).toBe(0);
});

it("rejects with MongoActionError instead of throwing synchronously", async () => {
  const store = createCell();
  const tasks = createCollectionHandle(store.cell, createTestEnv(), NS);
  await tasks.insertOne({ _id: "x" });
  const duplicate = tasks.insertOne({ _id: "x" });
  await expect(duplicate).rejects.toBeInstanceOf(MongoActionError);
  await expect(tasks.insertOne({ _id: "x" })).rejects.toThrow(/Duplicate key error/);
  expect(store.docs().size).toBe(1);
});

it("returns copies that callers can mutate without changing the stored documents", async () => {
  const store = createCell();
  const tasks = createCollectionHandle(store.cell, createTestEnv(), NS);
  await tasks.insertOne({ _id: 1, list: [1] });
  const [found] = await tasks.find();
  (found!.list as number[]).push(2);
  const one = await tasks.findOne({ _id: 1 });
  (one!.list as number[]).push(3);
  await expect(tasks.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, list: [1] });
});

it("writes to the cell only when an action changed something", async () => {
  const store = createCell();
  const tasks = createCollectionHandle(store.cell, createTestEnv(), NS);
  await tasks.insertOne({ _id: 1, a: 1 });
  await tasks.find();
  await tasks.count();
  await tasks.updateOne({ _id: 1 }, { $set: { a: 1 } });
  await tasks.deleteOne({ _id: 2 });
  expect(store.writes()).toBe(1);
  expect(tasks.namespace).toEqual(NS);
});

it("returns cursors from find and aggregate that are awaitable and have toArray, running the query once", async () => {
  const { cell } = createCell();
  let reads = 0;
  const counting: CollectionCell = {
    get: () => {
      reads++;
      return cell.get();
    },
    set: cell.set,
  };
  const tasks = createCollectionHandle<Task>(counting, createTestEnv(), NS);
  await tasks.insertMany([
    { title: "a", done: false },
    { title: "b", done: true },
  ]);
  reads = 0;
  const cursor = tasks.find({ done: false });
  expect(reads).toBe(0);
  expect((await cursor.toArray()).map((t) => t.title)).toEqual(["a"]);
  expect((await cursor).map((t) => t.title)).toEqual(["a"]);
  expect(reads).toBe(1);
  const grouped = await tasks
    .aggregate<{ _id: boolean; n: number }>([{ $group: { _id: "$done", n: { $sum: 1 } } }])
    .toArray();
  expect(grouped).toHaveLength(2);
});
