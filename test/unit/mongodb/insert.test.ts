import { Decimal128, ObjectId } from "bson";
import { OrderedMap } from "immutable";
import { expect, it } from "vitest";
import { type DocMap, MongoActionError, runAction } from "../../../src/mongodb/index.js";
import { contents, createTestEnv, docMap, generatedId, NS } from "./support.js";

const empty: DocMap = OrderedMap();

it("generates an ObjectId _id with env.objectId() and places it first", () => {
  const { docs, result } = runAction(
    "insertOne",
    { document: { name: "a", n: 1 } },
    empty,
    createTestEnv(),
    NS,
  );
  expect(result).toEqual({ insertedId: generatedId(1) });
  const [stored] = contents(docs);
  expect(stored).toEqual({ _id: generatedId(1), name: "a", n: 1 });
  expect(Object.keys(stored ?? {})).toEqual(["_id", "name", "n"]);
});

it("keeps client-supplied _ids of any type", () => {
  const env = createTestEnv();
  const ids = ["text", 7, new Decimal128("1.5"), { compound: 1 }, new ObjectId("65b000000000000000000009")];
  let docs = empty;
  for (const _id of ids) {
    const outcome = runAction("insertOne", { document: { v: 1, _id } }, docs, env, NS);
    expect(outcome.result).toEqual({ insertedId: _id });
    docs = outcome.docs;
  }
  expect(contents(docs).map((doc) => doc._id)).toEqual(ids);
  expect(Object.keys(contents(docs)[0] ?? {})).toEqual(["_id", "v"]);
});

it("returns insertedIds of insertMany in input order, mixing generated and given ids", () => {
  const { docs, result } = runAction(
    "insertMany",
    { documents: [{ a: 1 }, { _id: "b", a: 2 }, { a: 3 }] },
    empty,
    createTestEnv(),
    NS,
  );
  expect(result).toEqual({ insertedIds: [generatedId(1), "b", generatedId(2)] });
  expect(contents(docs)).toEqual([
    { _id: generatedId(1), a: 1 },
    { _id: "b", a: 2 },
    { _id: generatedId(2), a: 3 },
  ]);
});

it("rejects a duplicate _id on insertOne with a Duplicate key error", () => {
  const docs = docMap([{ _id: new ObjectId("65b000000000000000000001"), a: 1 }]);
  const insert = () =>
    runAction(
      "insertOne",
      { document: { _id: new ObjectId("65b000000000000000000001") } },
      docs,
      createTestEnv(),
      NS,
    );
  expect(insert).toThrow(MongoActionError);
  expect(insert).toThrow(
    "Duplicate key error collection: db.items index: _id_ dup key: { _id: ObjectId('65b000000000000000000001') }",
  );
  expect(insert).toThrow(expect.objectContaining({ code: "MongoDBError" }));
});

it("treats equal numeric _ids as duplicates whatever their representation", () => {
  const docs = docMap([{ _id: 5 }]);
  expect(() => runAction("insertOne", { document: { _id: 5 } }, docs, createTestEnv(), NS)).toThrow(
    "Duplicate key error collection: db.items index: _id_ dup key: { _id: 5 }",
  );
});

it("rejects insertMany with a duplicate inside the batch and stores nothing", () => {
  const insert = () =>
    runAction(
      "insertMany",
      { documents: [{ _id: "x" }, { _id: "y" }, { _id: "x" }] },
      empty,
      createTestEnv(),
      NS,
    );
  expect(insert).toThrow('Duplicate key error collection: db.items index: _id_ dup key: { _id: "x" }');
  expect(empty.size).toBe(0);
});

it("rejects insertMany that collides with a stored document", () => {
  const docs = docMap([{ _id: "y" }]);
  expect(() =>
    runAction("insertMany", { documents: [{ _id: "x" }, { _id: "y" }] }, docs, createTestEnv(), NS),
  ).toThrow(/Duplicate key error/);
});

it("rejects insertOne without a document and insertMany without documents as BadRequest", () => {
  expect(() => runAction("insertOne", {}, empty, createTestEnv(), NS)).toThrow(
    new MongoActionError("BadRequest", "insertOne: missing required argument 'document'"),
  );
  expect(() => runAction("insertMany", {}, empty, createTestEnv(), NS)).toThrow(
    "insertMany: missing required argument 'documents'",
  );
  expect(() => runAction("insertMany", { documents: [1, 2] }, empty, createTestEnv(), NS)).toThrow(
    expect.objectContaining({ code: "InvalidParameter" }),
  );
  expect(() => runAction("insertMany", { documents: [] }, empty, createTestEnv(), NS)).toThrow(
    "insertMany: 'documents' must not be empty",
  );
});
