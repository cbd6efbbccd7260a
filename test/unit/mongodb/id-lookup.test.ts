import { Int32, Long, ObjectId } from "bson";
import { OrderedMap } from "immutable";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { compileFilter, idLookupKey, selectDocs } from "../../../src/mongodb/engine.js";
import { type Doc, type DocMap, idKey } from "../../../src/mongodb/index.js";
import { loadMingo } from "../../../src/mongodb/mingo.js";

await loadMingo();

const HEX = "65a0000000000000000000aa";

describe("idLookupKey: which filters look their document up", () => {
  it("equality on _id with a string, a finite number or an ObjectId of bson 4 or 7, also inside $and", () => {
    expect(idLookupKey({ _id: new ObjectId(HEX) })).toBe(`o:${HEX}`);
    expect(idLookupKey({ _id: new Realm.BSON.ObjectId(HEX) })).toBe(`o:${HEX}`);
    expect(idLookupKey({ _id: HEX, n: 1 })).toBe(idKey(HEX));
    expect(idLookupKey({ _id: 5 })).toBe("n:5");
    expect(idLookupKey({ $and: [{ n: 1 }, { $and: [{ _id: 5 }] }] })).toBe("n:5");
  });

  it("everything else scans: operator objects, other types, $or, non-finite numbers", () => {
    for (const filter of [
      {},
      { _id: { $eq: 5 } },
      { _id: { $in: [5] } },
      { _id: new Int32(5) },
      { _id: new Date(5) },
      { _id: null },
      { _id: [5] },
      { _id: /5/ },
      { _id: Number.NaN },
      { $or: [{ _id: 5 }] },
      { $and: "nope" },
    ]) {
      expect(idLookupKey(filter as Record<string, unknown>)).toBeUndefined();
    }
  });
});

describe("selectDocs with an _id-only filter", () => {
  // The answer without compiling the filter must be the scan's, whatever the stored and the asked _id types.
  const stored = [
    { _id: new ObjectId(HEX), n: 1 },
    { _id: "65a0000000000000000000bb", n: 2 },
    { _id: 5, n: 3 },
    { _id: Long.fromNumber(6), n: 4 },
    { _id: new Int32(7), n: 5 },
    { _id: -0, n: 6 },
  ];
  const docs: DocMap = OrderedMap(stored.map((doc): [string, Doc] => [idKey(doc._id), doc]));
  const scan = (filter: Doc) => stored.filter((doc) => compileFilter(filter).test(doc));
  it.each([
    new ObjectId(HEX),
    new Realm.BSON.ObjectId(HEX),
    HEX,
    "65a0000000000000000000bb",
    5,
    6,
    7,
    0,
    -0,
    8,
    new ObjectId(),
  ])("{ _id: %s } selects what a scan selects", (id) => {
    expect(selectDocs(docs, { _id: id })).toEqual(scan({ _id: id }));
    expect(selectDocs(docs, { _id: id }, { limit: 1, sort: { n: -1 } })).toEqual(
      scan({ _id: id }).slice(0, 1),
    );
  });
});
