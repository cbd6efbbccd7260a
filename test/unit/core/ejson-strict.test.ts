import { EJSON } from "bson";
import { expect, it } from "vitest";
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
