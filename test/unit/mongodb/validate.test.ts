import { describe, expect, it } from "vitest";
import { MAX_DEPTH, validateArgument, validateStoredDocument } from "../../../src/mongodb/validate.js";

const refused = (arg: Record<string, unknown>) => () => validateArgument("updateOne", arg);
const nested = (levels: number): Record<string, unknown> => {
  let doc: Record<string, unknown> = { a: 1 };
  for (let i = 1; i < levels; i++) doc = { a: doc };
  return doc;
};

describe("validateArgument", () => {
  it("accepts ordinary queries, updates, pipelines, variables and array filters", () => {
    expect(() =>
      validateArgument("updateOne", {
        query: { "a.b": { $gt: 1 }, $expr: { $eq: ["$a", "$$ROOT.a"] }, proto: "constructor" },
        update: { $set: { "arr.$[el1].x": 1, "arr.$[].y": 2, "arr.$.z": 3 }, $rename: { a: "b.c" } },
        arrayFilters: [{ "el1.x": { $gt: 1 } }, { $or: [{ "el1.y": 1 }] }],
      }),
    ).not.toThrow();
  });

  it.each([
    ["a key", { query: JSON.parse('{"__proto__": {"x": 1}}') }],
    ["a dotted segment", { update: { $set: { "a.constructor.b": 1 } } }],
    ["a field path value", { pipeline: [{ $project: { x: "$a.prototype" } }] }],
    ["a variable path", { pipeline: [{ $project: { x: "$$ROOT.__proto__" } }] }],
    ["a $rename target", { update: { $rename: { a: "__proto__.b" } } }],
    ["an $unset path", { update: [{ $unset: ["a", "constructor"] }] }],
    ["a positional identifier", { update: { $set: { "a.$[__proto__].b": 1 } } }],
  ])("refuses a prototype key in %s", (_where, arg) => {
    expect(refused(arg)).toThrow(expect.objectContaining({ code: "MongoDBError" }));
  });

  it.each(["E", "1e", "e-1", "é"])("refuses the array-filter identifier %j", (id) => {
    expect(refused({ arrayFilters: [{ [`${id}.x`]: 1 }] })).toThrow(/must begin with a lowercase letter/);
    expect(refused({ update: { $set: { [`a.$[${id}]`]: 1 } } })).toThrow(
      /must begin with a lowercase letter/,
    );
  });

  it.each(["$where", "$function", "$accumulator"])("refuses %s anywhere", (operator) => {
    expect(refused({ pipeline: [{ $group: { _id: null, x: { [operator]: {} } } }] })).toThrow(
      `${operator} is not supported: app-services-mock runs no server-side JavaScript`,
    );
  });

  it("reads strings in documents to insert as data, elsewhere as field paths", () => {
    expect(() => validateArgument("insertOne", { document: { price: "$constructor" } })).not.toThrow();
    expect(() => validateArgument("insertMany", { documents: [{ note: "$a.__proto__" }] })).not.toThrow();
    expect(() => validateArgument("insertOne", { document: JSON.parse('{"__proto__": 1}') })).toThrow(
      /reserved/,
    );
    expect(refused({ query: { $expr: { $eq: ["$constructor", 1] } } })).toThrow(/reserved/);
  });

  it("counts the levels of insertMany's documents as insertOne's", () => {
    expect(() => validateArgument("insertMany", { documents: [nested(MAX_DEPTH)] })).not.toThrow();
    expect(() => validateArgument("insertOne", { document: nested(MAX_DEPTH) })).not.toThrow();
    expect(() => validateArgument("insertMany", { documents: [nested(MAX_DEPTH + 1)] })).toThrow(/depth/);
  });

  it("refuses nesting deeper than 100 levels without walking the rest", () => {
    expect(() => validateArgument("insertOne", { document: nested(MAX_DEPTH - 1) })).not.toThrow();
    expect(refused({ document: nested(MAX_DEPTH + 1) })).toThrow(/nested object depth of 100/);
    expect(refused({ document: nested(100_000) })).toThrow(/nested object depth of 100/);
  });
});

describe("validateStoredDocument", () => {
  it("refuses documents over 16 MB or nested deeper than 100 levels", () => {
    expect(() => validateStoredDocument("insertOne", { _id: 1, s: "x".repeat(1024) })).not.toThrow();
    expect(() => validateStoredDocument("insertOne", { _id: 1, s: "x".repeat(16 * 1024 * 1024) })).toThrow(
      /exceeds the maximum BSON document size of 16 MB/,
    );
    expect(() => validateStoredDocument("updateOne", { _id: 1, deep: nested(MAX_DEPTH) })).toThrow(/depth/);
    // Stored data may hold any string, including ones that look like paths.
    expect(() => validateStoredDocument("insertOne", { _id: 1, s: "$constructor" })).not.toThrow();
  });
});
