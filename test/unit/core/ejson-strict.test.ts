import { EJSON } from "bson";
import { describe, expect, it } from "vitest";
import { parseStrictEjson } from "../../../src/ejson-strict.js";

it("decodes valid canonical and relaxed EJSON exactly as bson does", () => {
  const text = JSON.stringify({
    n: { $numberInt: "-5" },
    d: { $numberDouble: "-Infinity" },
    l: { $numberLong: "9007199254740993" },
    date: { $date: { $numberLong: "0" } },
    iso: { $date: "2026-01-01T00:00:00Z" },
    o: { $oid: "65a000000000000000000002" },
    dec: { $numberDecimal: "1.5" },
    re: { $regex: "^a", $options: "i" },
    bin: { $binary: { base64: "AQI=", subType: "00" } },
    u: { $undefined: true },
    list: [{ $numberInt: "1" }, { a: { $numberDouble: "2.5" } }],
  });
  expect(parseStrictEjson(text)).toEqual(EJSON.parse(text, { relaxed: true }));
});

it.each([
  '{"$date":"garbage"}',
  '{"$date":{"$numberLong":"99999999999999999"}}',
  '{"$date":true}',
  '{"$numberInt":"1.5"}',
  '{"$numberInt":"2147483648"}',
  '{"$numberDouble":"one"}',
  '{"$binary":{"base64":"***","subType":"00"}}',
  '{"$oid":"nope"}',
  '{"$numberLong":"x"}',
  '{"$numberDecimal":"x"}',
])("refuses %s, which bson would decode silently or not at all", (value) => {
  expect(() => parseStrictEjson(`{"v":${value}}`)).toThrow();
});

it("keeps an own __proto__ key as a key, never as a prototype", () => {
  const value = parseStrictEjson('{"__proto__":{"isAdmin":true}}') as Record<string, unknown>;
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  expect(Object.keys(value)).toEqual(["__proto__"]);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

describe("parseStrictEjson fast paths", () => {
  // Dates, ObjectIds and $numberLong are built without bson's generic decoder; the results must be bson's own.
  const cases = [
    { $numberLong: "0" },
    { $numberLong: "-1" },
    { $numberLong: "999999999999999" },
    { $numberLong: "-999999999999999" },
    { $numberLong: "9007199254740993" },
    { $numberLong: "-0" },
    { $numberLong: "007" },
    { $numberLong: "+5" },
    { $date: { $numberLong: "1700000000000" } },
    { $date: { $numberLong: "-62135596800000" } },
    { $date: { $numberLong: "8640000000000001" } },
    { $date: "2024-02-29T12:00:00.123Z" },
    { $date: 1700000000000 },
    { $oid: "65a000000000000000000001" },
    { $oid: "65A0000000000000000000FF" },
    { $oid: "65a00000000000000000001" },
  ];
  it.each(cases.map((value) => [JSON.stringify(value), value]))("%s decodes as bson decodes it", (text) => {
    const outcome = (decode: () => unknown) => {
      try {
        const value = decode();
        return { type: value?.constructor?.name, text: String(value), is: value };
      } catch {
        return "refused";
      }
    };
    const ours = outcome(() => parseStrictEjson(text));
    const bsons = outcome(() => EJSON.parse(text, { relaxed: true }));
    if (bsons === "refused" || ours === "refused") {
      // The strict parser may refuse more than bson (invalid dates), never less.
      if (bsons === "refused") expect(ours).toBe("refused");
      return;
    }
    expect({ type: ours.type, text: ours.text }).toEqual({ type: bsons.type, text: bsons.text });
    if (typeof bsons.is === "number") expect(Object.is(ours.is, bsons.is)).toBe(true);
  });
});
