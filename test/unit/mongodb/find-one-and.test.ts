import { expect, it } from "vitest";
import { type Doc, type DocMap, runAction } from "../../../src/mongodb/index.js";
import { contents, createTestEnv, docMap, generatedId, NS } from "./support.js";

const scores = docMap([
  { _id: 1, name: "a", score: 5 },
  { _id: 2, name: "b", score: 9 },
  { _id: 3, name: "c", score: 7 },
]);
const call = (action: string, arg: Doc, docs: DocMap = scores, env = createTestEnv()) =>
  runAction(action, arg, docs, env, NS);

it("returns the pre-image from findOneAndUpdate by default", () => {
  const { docs, result } = call("findOneAndUpdate", {
    filter: { name: "a" },
    update: { $inc: { score: 1 } },
  });
  expect(result).toEqual({ _id: 1, name: "a", score: 5 });
  expect(docs.get("n:1")).toEqual({ _id: 1, name: "a", score: 6 });
});

it("returns the projected post-image from findOneAndUpdate with returnNewDocument", () => {
  const { result } = call("findOneAndUpdate", {
    filter: {},
    update: { $set: { top: true } },
    sort: { score: -1 },
    projection: { name: 1, top: 1, _id: 0 },
    returnNewDocument: true,
  });
  expect(result).toEqual({ name: "b", top: true });
});

it("returns null from findOneAndUpdate when nothing matches and upsert is off", () => {
  const { docs, result } = call("findOneAndUpdate", { filter: { name: "zz" }, update: { $set: { x: 1 } } });
  expect(result).toBeNull();
  expect(docs).toBe(scores);
});

it("upserts through findOneAndUpdate and returns null or the new document", () => {
  const arg = { filter: { name: "d" }, update: { $set: { score: 1 } }, upsert: true };
  const quiet = call("findOneAndUpdate", arg);
  expect(quiet.result).toBeNull();
  expect(contents(quiet.docs)[3]).toEqual({ _id: generatedId(1), name: "d", score: 1 });
  const loud = call("findOneAndUpdate", { ...arg, returnNewDocument: true });
  expect(loud.result).toEqual({ _id: generatedId(1), name: "d", score: 1 });
});

it("treats a findOneAndUpdate document without operators as a replacement, also on upsert", () => {
  const replaced = call("findOneAndUpdate", {
    filter: { _id: 3 },
    update: { only: "this" },
    returnNewDocument: true,
  });
  expect(replaced.result).toEqual({ _id: 3, only: "this" });
  const upserted = call("findOneAndUpdate", {
    filter: { name: "nobody", score: 1 },
    update: { only: "this" },
    upsert: true,
    returnNewDocument: true,
  });
  expect(upserted.result).toEqual({ _id: generatedId(1), only: "this" });
});

it("replaces the first match in sort order with findOneAndReplace and keeps its _id", () => {
  const { docs, result } = call("findOneAndReplace", {
    filter: {},
    update: { name: "replaced" },
    sort: { score: 1 },
    returnNewDocument: true,
  });
  expect(result).toEqual({ _id: 1, name: "replaced" });
  expect(contents(docs)).toEqual([
    { _id: 1, name: "replaced" },
    { _id: 2, name: "b", score: 9 },
    { _id: 3, name: "c", score: 7 },
  ]);
});

it("rejects findOneAndReplace with update operators", () => {
  expect(() => call("findOneAndReplace", { filter: {}, update: { $set: { a: 1 } } })).toThrow(
    "Replacement document must not contain update operators",
  );
});

it("reproduces the realm-web findOneAndDelete quirk: the match becomes _id-only and its pre-image is returned", () => {
  const { docs, result, changes } = call("findOneAndReplace", {
    filter: { score: { $gt: 6 } },
    sort: { score: 1 },
    projection: { name: 1 },
  });
  expect(result).toEqual({ _id: 3, name: "c" });
  expect(docs.size).toBe(3);
  expect(docs.get("n:3")).toEqual({ _id: 3 });
  expect(changes).toMatchObject([{ operationType: "replace", fullDocument: { _id: 3 } }]);
});

it("really deletes on findOneAndReplace without update when env.findOneAndDelete is 'delete'", () => {
  const env = createTestEnv({ findOneAndDelete: "delete" });
  const { docs, result, changes } = call("findOneAndReplace", { filter: { name: "b" } }, scores, env);
  expect(result).toEqual({ _id: 2, name: "b", score: 9 });
  expect(contents(docs).map((doc) => doc._id)).toEqual([1, 3]);
  expect(changes).toMatchObject([{ operationType: "delete", documentKey: { _id: 2 } }]);
});

it("really deletes with the findOneAndDelete action and returns null when nothing matches", () => {
  const deleted = call("findOneAndDelete", { filter: {}, sort: { score: -1 } });
  expect(deleted.result).toEqual({ _id: 2, name: "b", score: 9 });
  expect(deleted.docs.has("n:2")).toBe(false);
  const none = call("findOneAndDelete", { filter: { name: "zz" } });
  expect(none.result).toBeNull();
  expect(none.docs).toBe(scores);
});
