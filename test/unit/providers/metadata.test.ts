import { describe, expect, it } from "vitest";
import { isAppServicesError } from "../../../src/errors.js";
import { claimPath, mapMetadata, readClaim } from "../../../src/providers/metadata.js";

describe("claim paths", () => {
  it("splits on dots and keeps escaped dots", () => {
    expect(claimPath("user_data.name")).toEqual(["user_data", "name"]);
    expect(claimPath("org\\.id")).toEqual(["org.id"]);
    expect(claimPath("a.b\\.c.d")).toEqual(["a", "b.c", "d"]);
  });

  it("reads nested claims and answers undefined for missing paths", () => {
    const claims = { a: { b: { c: 1 } }, "x.y": 2 };
    expect(readClaim(claims, "a.b.c")).toBe(1);
    expect(readClaim(claims, "x\\.y")).toBe(2);
    expect(readClaim(claims, "a.z.c")).toBeUndefined();
  });
});

describe("mapMetadata", () => {
  it("names fields by fieldName or by the last path segment", () => {
    const claims = { email: "a@b.c", profile: { first: "Ada" }, n: 0 };
    expect(
      mapMetadata(claims, [
        { name: "email" },
        { name: "profile.first" },
        { name: "n", fieldName: "count" },
        { name: "absent" },
      ]),
    ).toEqual({ email: "a@b.c", first: "Ada", count: 0 });
  });

  it("throws AuthError for a missing required field", () => {
    let caught: unknown;
    try {
      mapMetadata({}, [{ name: "email", required: true }]);
    } catch (error) {
      caught = error;
    }
    expect(isAppServicesError(caught) && caught.code).toBe("AuthError");
    expect((caught as Error).message).toBe("required metadata field 'email' is missing");
  });
});
