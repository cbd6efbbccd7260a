import { Int32, ObjectId } from "bson";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { idLookupKey } from "../../../src/mongodb/engine.js";
import { idKey } from "../../../src/mongodb/index.js";

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
