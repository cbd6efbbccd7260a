import { ObjectId } from "bson";
import { expect, it } from "vitest";
import { runAction } from "../../../src/mongodb/index.js";
import { createTestEnv, docMap, NS } from "./support.js";

const people = docMap([
  { _id: 1, name: "Ada", age: 36, team: "red", tags: ["x"] },
  { _id: 2, name: "Bob", age: 25, team: "blue", tags: [] },
  { _id: 3, name: "Cy", age: 41, team: "red" },
  { _id: 4, name: "Di", age: 30, team: "blue", address: { city: "Oslo" } },
]);
const read = (action: string, arg: Record<string, unknown>) =>
  runAction(action, arg, people, createTestEnv(), NS);

it("finds every document in natural order when the query is omitted", () => {
  const { result } = read("find", {});
  expect(result).toEqual(people.toList().toArray());
});

it("filters with $gt, $in, $exists, $or and dotted paths", () => {
  expect(read("find", { query: { age: { $gt: 30 } } }).result).toMatchObject([{ _id: 1 }, { _id: 3 }]);
  expect(read("find", { query: { name: { $in: ["Bob", "Di"] } } }).result).toMatchObject([
    { _id: 2 },
    { _id: 4 },
  ]);
  expect(read("find", { query: { tags: { $exists: false } } }).result).toMatchObject([
    { _id: 3 },
    { _id: 4 },
  ]);
  expect(read("find", { query: { $or: [{ _id: 2 }, { "address.city": "Oslo" }] } }).result).toMatchObject([
    { _id: 2 },
    { _id: 4 },
  ]);
});

it("sorts before it limits", () => {
  const { result } = read("find", { query: {}, sort: { age: -1 }, limit: 2 });
  expect(result).toEqual([
    { _id: 3, name: "Cy", age: 41, team: "red" },
    { _id: 1, name: "Ada", age: 36, team: "red", tags: ["x"] },
  ]);
});

it("limits in natural order without a sort", () => {
  expect(read("find", { limit: 3 }).result).toMatchObject([{ _id: 1 }, { _id: 2 }, { _id: 3 }]);
});

it("applies an inclusion projection from `project` and keeps _id first", () => {
  const { result } = read("find", { query: { team: "blue" }, project: { name: 1 } });
  expect(result).toEqual([
    { _id: 2, name: "Bob" },
    { _id: 4, name: "Di" },
  ]);
  expect(Object.keys((result as Record<string, unknown>[])[0] ?? {})).toEqual(["_id", "name"]);
});

it("applies an exclusion projection that drops _id", () => {
  const { result } = read("find", { query: { _id: 4 }, project: { _id: 0, address: 0, tags: 0 } });
  expect(result).toEqual([{ name: "Di", age: 30, team: "blue" }]);
});

it("returns the first match of findOne in sort order, projected", () => {
  const { result } = read("findOne", {
    query: { team: "red" },
    sort: { age: -1 },
    project: { name: 1, _id: 0 },
  });
  expect(result).toEqual({ name: "Cy" });
});

it("returns null from findOne when nothing matches", () => {
  expect(read("findOne", { query: { name: "Nobody" } }).result).toBeNull();
});

it("counts matches and caps the count at the limit", () => {
  expect(read("count", {}).result).toBe(4);
  expect(read("count", { query: { team: "red" } }).result).toBe(2);
  expect(read("count", { query: {}, limit: 3 }).result).toBe(3);
  expect(read("count", { query: { team: "blue" }, limit: 10 }).result).toBe(2);
});

it("matches ObjectIds by value, including $in and $gt", () => {
  const hex = "65a000000000000000000002";
  const docs = docMap([
    { _id: new ObjectId("65a000000000000000000001"), n: 1 },
    { _id: new ObjectId(hex), n: 2 },
  ]);
  const run = (query: Record<string, unknown>) =>
    runAction("find", { query }, docs, createTestEnv(), NS).result;
  expect(run({ _id: new ObjectId(hex) })).toMatchObject([{ n: 2 }]);
  expect(run({ _id: { $in: [new ObjectId(hex)] } })).toMatchObject([{ n: 2 }]);
  expect(run({ _id: { $gt: new ObjectId("65a000000000000000000001") } })).toMatchObject([{ n: 2 }]);
  expect(
    runAction("findOne", { query: { _id: new ObjectId(hex) } }, docs, createTestEnv(), NS).result,
  ).toEqual({
    _id: new ObjectId(hex),
    n: 2,
  });
});

it("groups with $push in insertion order and $sum, then drops _id with $project", () => {
  const { result } = read("aggregate", {
    pipeline: [
      { $sort: { team: 1 } },
      { $group: { _id: "$team", names: { $push: "$name" }, total: { $sum: "$age" } } },
      { $project: { _id: 0, names: 1, total: 1 } },
    ],
  });
  expect(result).toEqual([
    { names: ["Bob", "Di"], total: 55 },
    { names: ["Ada", "Cy"], total: 77 },
  ]);
});

it("runs $match, $count and $unwind pipelines", () => {
  expect(read("aggregate", { pipeline: [{ $match: { team: "red" } }, { $count: "n" }] }).result).toEqual([
    { n: 2 },
  ]);
  expect(
    read("aggregate", { pipeline: [{ $match: { _id: 1 } }, { $unwind: "$tags" }, { $project: { tags: 1 } }] })
      .result,
  ).toEqual([{ _id: 1, tags: "x" }]);
});

it("does not change the stored documents when an aggregation stage rewrites fields", () => {
  const { docs } = read("aggregate", { pipeline: [{ $set: { age: 0 } }, { $unset: "name" }] });
  expect(docs).toBe(people);
  expect(people.get("n:1")).toEqual({ _id: 1, name: "Ada", age: 36, team: "red", tags: ["x"] });
});

it("rejects an unknown query operator with a MongoDBError", () => {
  expect(() => read("find", { query: { age: { $nope: 1 } } })).toThrow(
    expect.objectContaining({ code: "MongoDBError" }),
  );
});
