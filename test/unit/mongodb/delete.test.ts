import { expect, it } from "vitest";
import { runAction } from "../../../src/mongodb/index.js";
import { contents, createTestEnv, docMap, NS } from "./support.js";

const docs = docMap([
  { _id: 1, kind: "a" },
  { _id: 2, kind: "b" },
  { _id: 3, kind: "a" },
]);

it("deletes the first match in natural order with deleteOne", () => {
  const outcome = runAction("deleteOne", { query: { kind: "a" } }, docs, createTestEnv(), NS);
  expect(outcome.result).toEqual({ deletedCount: 1 });
  expect(contents(outcome.docs)).toEqual([
    { _id: 2, kind: "b" },
    { _id: 3, kind: "a" },
  ]);
});

it("deletes every match with deleteMany and reports the count", () => {
  const outcome = runAction("deleteMany", { query: { kind: "a" } }, docs, createTestEnv(), NS);
  expect(outcome.result).toEqual({ deletedCount: 2 });
  expect(contents(outcome.docs)).toEqual([{ _id: 2, kind: "b" }]);
});

it("deletes everything when deleteMany has no query", () => {
  const outcome = runAction("deleteMany", {}, docs, createTestEnv(), NS);
  expect(outcome.result).toEqual({ deletedCount: 3 });
  expect(outcome.docs.size).toBe(0);
});

it("reports deletedCount 0 and returns the same map when nothing matches", () => {
  const outcome = runAction("deleteOne", { query: { kind: "z" } }, docs, createTestEnv(), NS);
  expect(outcome.result).toEqual({ deletedCount: 0 });
  expect(outcome.docs).toBe(docs);
  expect(outcome.changes).toEqual([]);
});

it("allows re-inserting an _id after its document was deleted", () => {
  const { docs: afterDelete } = runAction("deleteOne", { query: { _id: 2 } }, docs, createTestEnv(), NS);
  const outcome = runAction(
    "insertOne",
    { document: { _id: 2, kind: "c" } },
    afterDelete,
    createTestEnv(),
    NS,
  );
  expect(outcome.result).toEqual({ insertedId: 2 });
  expect(contents(outcome.docs).map((doc) => doc._id)).toEqual([1, 3, 2]);
});
