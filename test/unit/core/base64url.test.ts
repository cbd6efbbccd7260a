import { describe, expect, it } from "vitest";
import { decodeBase64url, decodeJwtPart, encodeBase64url } from "../../../src/base64url.js";

describe("base64url of UTF-8 text", () => {
  it("round-trips any text, with the URL-safe alphabet and no padding, as Node's Buffer encodes it", () => {
    for (const text of ["", "a", "ab", "abc", '{"kid":"é✓"}', "?>?>~~~", "💥".repeat(7)]) {
      const encoded = encodeBase64url(text);
      expect(encoded).toBe(Buffer.from(text, "utf8").toString("base64url"));
      expect(decodeBase64url(encoded)).toBe(text);
    }
  });

  it("decodes the standard alphabet and padding too, and refuses what is not base64 of UTF-8", () => {
    expect(decodeBase64url(Buffer.from("?>?>", "utf8").toString("base64"))).toBe("?>?>");
    expect(() => decodeBase64url("a")).toThrow();
    expect(() => decodeBase64url("!!!!")).toThrow();
    expect(() => decodeBase64url(Buffer.from([0xff, 0xfe]).toString("base64url"))).toThrow();
  });

  it("reads a JWT's header and payload objects, and refuses anything else", () => {
    const token = `${encodeBase64url('{"alg":"HS256","kid":"k"}')}.${encodeBase64url('{"sub":"u"}')}.sig`;
    expect(decodeJwtPart(token, 0)).toEqual({ alg: "HS256", kid: "k" });
    expect(decodeJwtPart(token, 1)).toEqual({ sub: "u" });
    expect(() => decodeJwtPart(`${encodeBase64url("[1]")}.x.y`, 0)).toThrow();
    expect(() => decodeJwtPart(`${encodeBase64url("null")}.x.y`, 0)).toThrow();
    expect(() => decodeJwtPart("no-dots", 1)).toThrow();
  });
});
