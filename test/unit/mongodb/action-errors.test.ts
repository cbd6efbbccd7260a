import { OrderedMap } from "immutable";
import { expect, it } from "vitest";
import {
  isMongoActionError,
  MONGO_ACTIONS,
  MongoActionError,
  runAction,
} from "../../../src/mongodb/index.js";
import { createTestEnv, NS } from "./support.js";

it("rejects an unknown action with ServiceCommandNotFound", () => {
  const call = () => runAction("dropDatabase", {}, OrderedMap(), createTestEnv(), NS);
  expect(call).toThrow(new MongoActionError("ServiceCommandNotFound", "function not found: 'dropDatabase'"));
  expect(call).toThrow(expect.objectContaining({ code: "ServiceCommandNotFound", name: "MongoActionError" }));
});

it("does not treat Object.prototype members as actions", () => {
  expect(() => runAction("toString", {}, OrderedMap(), createTestEnv(), NS)).toThrow(
    expect.objectContaining({ code: "ServiceCommandNotFound" }),
  );
});

it("lists every supported action name", () => {
  expect([...MONGO_ACTIONS].sort()).toEqual(
    [
      "aggregate",
      "count",
      "deleteMany",
      "deleteOne",
      "find",
      "findOne",
      "findOneAndDelete",
      "findOneAndReplace",
      "findOneAndUpdate",
      "insertMany",
      "insertOne",
      "updateMany",
      "updateOne",
    ].sort(),
  );
});

it("rejects arguments of the wrong shape with InvalidParameter", () => {
  const docs = OrderedMap<string, Record<string, unknown>>();
  expect(() => runAction("find", { query: "x" }, docs, createTestEnv(), NS)).toThrow(
    new MongoActionError("InvalidParameter", "find: 'query' must be a document"),
  );
  expect(() => runAction("find", { limit: "ten" }, docs, createTestEnv(), NS)).toThrow(
    "find: 'limit' must be a number",
  );
  expect(() =>
    runAction("updateOne", { update: { $set: { a: 1 } }, upsert: "yes" }, docs, createTestEnv(), NS),
  ).toThrow("updateOne: 'upsert' must be a boolean");
  expect(() => runAction("aggregate", {}, docs, createTestEnv(), NS)).toThrow(
    expect.objectContaining({
      code: "BadRequest",
      message: "aggregate: missing required argument 'pipeline'",
    }),
  );
});

it("recognises MongoActionError by name as well as by class", () => {
  const foreign = Object.assign(new Error("x"), { name: "MongoActionError" });
  expect(isMongoActionError(new MongoActionError("BadRequest", "x"))).toBe(true);
  expect(isMongoActionError(foreign)).toBe(true);
  expect(isMongoActionError(new Error("x"))).toBe(false);
});
