import { Binary, Decimal128, Long, ObjectId } from "bson";
import { expect, it } from "vitest";
import { cloneDoc, idKey, sameValue } from "../../../src/mongodb/index.js";

it("derives idKeys that are equal for equal _ids of any type", () => {
  expect(idKey(new ObjectId("65a000000000000000000001"))).toBe("o:65a000000000000000000001");
  expect(idKey("abc")).toBe("s:abc");
  expect(idKey(5)).toBe("n:5");
  expect(idKey(Long.fromNumber(5))).toBe("n:5");
  expect(idKey(new Date(10))).toBe("d:10");
  expect(idKey({ a: 1 })).toBe(idKey({ a: 1 }));
  expect(idKey({ a: 1, b: 2 })).not.toBe(idKey({ b: 2, a: 1 }));
  expect(idKey("5")).not.toBe(idKey(5));
  expect(idKey(new Decimal128("1.5"))).toBe('j:{"$numberDecimal":"1.5"}');
});

it("deep-clones plain objects, arrays and dates but keeps bson values by reference", () => {
  const oid = new ObjectId();
  const bin = new Binary(new Uint8Array([1, 2]));
  const original = { _id: oid, list: [{ n: 1 }], when: new Date(3), bin };
  const copy = cloneDoc(original);
  expect(copy).toEqual(original);
  expect(copy.list).not.toBe(original.list);
  expect(copy.list[0]).not.toBe(original.list[0]);
  expect(copy.when).not.toBe(original.when);
  expect(copy._id).toBe(oid);
  expect(copy.bin).toBe(bin);
});

it("compares values deeply and order-sensitively", () => {
  expect(sameValue({ a: [1, { b: new Date(1) }] }, { a: [1, { b: new Date(1) }] })).toBe(true);
  expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
  expect(sameValue(new ObjectId("65a000000000000000000001"), new ObjectId("65a000000000000000000001"))).toBe(
    true,
  );
  expect(sameValue(new Decimal128("1.5"), new Decimal128("1.5"))).toBe(true);
  expect(sameValue(new Decimal128("1.5"), new Decimal128("2.5"))).toBe(false);
  expect(sameValue(Number.NaN, Number.NaN)).toBe(true);
  expect(sameValue([1], { 0: 1 })).toBe(false);
});
