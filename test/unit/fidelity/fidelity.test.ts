import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTable, type FidelityInput } from "../../../scripts/fidelity/build-table.js";
import { codeNotes } from "../../../scripts/fidelity/code-notes.js";
import {
  type FidelityOutput,
  generateFidelity,
  readFidelityInput,
} from "../../../scripts/fidelity/generate.js";
import { readDeviations } from "../../../scripts/fidelity/render.js";
import { readRouteRows, routeTemplate } from "../../../scripts/fidelity/route-rows.js";
import type { ChangeOperationType } from "../../../src/mongodb/types.js";
import { sdkThrows } from "../../fidelity/registry.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");

let output: FidelityOutput;
let input: FidelityInput;
beforeAll(() => {
  output = generateFidelity(root);
  input = readFidelityInput(root, read("README.md"));
});

/** The problems of the real input changed by `change`. */
const problemsWith = (change: (input: FidelityInput) => FidelityInput) => buildTable(change(input)).problems;

describe("docs/fidelity.md", () => {
  it("has a row, a status and existing tests for every realm-web member and route", () => {
    expect(output.table.problems).toEqual([]);
    expect(output.table.rows.length).toBe(input.members.length + input.routes.length);
  });

  it("is committed as generated, and so is the README's summary (run `npm run docs:fidelity`)", () => {
    expect(read("docs/fidelity.md")).toBe(output.doc);
    expect(read("README.md")).toBe(output.readme);
  });

  it("reads realm-web's declarations: classes, the functions factory, options, watch variants, change events", () => {
    const ids = input.members.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "App.logIn",
        "User.refreshCustomData",
        "Credentials.apple",
        "ApiKeyAuth.disable",
        "EmailPasswordAuth.callResetPasswordFunction",
        "MongoDBRealmError.errorCode",
        "functions.callFunctionStreaming",
        "functions[name]",
        "MongoDBCollection.watch({ ids })",
        "FindOneAndModifyOptions.returnNewDocument",
        "ChangeEvent.invalidate",
      ]),
    );
    // Private members and constructors are not rows.
    expect(
      ids.filter((id) => /\.(constructor|fetcher\.|_accessToken|decodeAccessToken|hydrate)$/.test(id)),
    ).toEqual([]);
  });
});

describe("the table's checks fail", () => {
  it("when a realm-web member or a route has no row", () => {
    const { "User.refreshCustomData": _member, ...sdkClaims } = input.sdkClaims;
    const { "DELETE /auth/delete": _route, ...routeClaims } = input.routeClaims;
    expect(problemsWith((i) => ({ ...i, sdkClaims, routeClaims }))).toEqual([
      "User.refreshCustomData: no row (add it to test/fidelity/registry.ts)",
      "DELETE /auth/delete: no row (add it to test/fidelity/registry.ts)",
    ]);
  });

  it("when the registry keeps a row for something that is gone", () => {
    expect(
      problemsWith((i) => ({ ...i, routes: i.routes.filter((r) => r !== "GET /auth/profile") })),
    ).toEqual(["GET /auth/profile: the registry has a row for something realm-web or the kit lacks"]);
  });

  it("when a ✅ row has no test, or names a test that does not exist or does not use the member", () => {
    const claims = (tests: string[]) => ({
      ...input.sdkClaims,
      "User.logOut": { status: "emulated" as const, tests },
    });
    // The route logOut sends has no test of its own either: it borrows the member's.
    expect(problemsWith((i) => ({ ...i, sdkClaims: claims([]) }))).toEqual([
      "User.logOut: ✅ without a test",
      "DELETE /auth/session: ✅ without a test",
    ]);
    expect(
      problemsWith((i) => ({
        ...i,
        sdkClaims: claims(["test/integration/auth.login.test.ts › logs out twice"]),
      })),
    ).toEqual(['User.logOut: no test "logs out twice" in test/integration/auth.login.test.ts']);
    const unrelated = "test/integration/auth.login.test.ts › rejects an unknown user with the same 401";
    expect(problemsWith((i) => ({ ...i, sdkClaims: claims([unrelated]) }))).toEqual([
      'User.logOut: the test "rejects an unknown user with the same 401" (test/integration/auth.login.test.ts) does not use logOut',
    ]);
  });

  it("when a ◐/❌ row names no Deviations entry, or one the README does not have", () => {
    const push = input.routeClaims["PUT /app/:app/push/providers/:service/registration"];
    const routeClaims = (deviation: string | undefined) => ({
      ...input.routeClaims,
      "PUT /app/:app/push/providers/:service/registration": {
        ...push,
        status: "partial" as const,
        deviation,
      },
    });
    expect(problemsWith((i) => ({ ...i, routeClaims: routeClaims(undefined) }))).toEqual([
      'PUT /app/:app/push/providers/:service/registration: a ◐/❌ row must say what is missing and name its README "Deviations" entry',
    ]);
    expect(problemsWith((i) => ({ ...i, routeClaims: routeClaims("Push services") }))).toEqual([
      'PUT /app/:app/push/providers/:service/registration: README "Deviations" has no entry "Push services"',
    ]);
  });

  it("when a Deviations entry names a 501 that no ◐/❌ row explains", () => {
    const deviations = new Map(input.deviations).set("Sync", "* **Sync** answers 501.");
    expect(problemsWith((i) => ({ ...i, deviations }))).toEqual([
      'README "Deviations" entry "Sync" names a 501, but no ◐/❌ row links it',
    ]);
  });

  it("when a row disagrees with realm-web's own stubs", () => {
    const tests = [
      "test/integration/push.registration.test.ts › shows that realm-web itself cannot register",
    ];
    const sdkClaims = {
      ...input.sdkClaims,
      "User.push": { status: "emulated" as const, tests },
      "User.logOut": sdkThrows,
    };
    expect(problemsWith((i) => ({ ...i, sdkClaims }))).toEqual([
      'User.logOut: the test "throws in realm-web itself, before any request" (test/integration/sdk.gaps.test.ts) does not use logOut',
      'User.logOut: realm-web implements it; the row says realm-web throws "Not yet implemented"',
      'User.push: realm-web 2.0.1 throws "Not yet implemented" here, so the row must be ❌',
    ]);
  });

  it("when a code reference names a declaration that is gone", () => {
    expect(() => codeNotes(root, "src/operations/api-keys.ts#noSuchFunction")).toThrow(
      /no declaration named/,
    );
    expect(codeNotes(root, "src/operations/api-keys.ts#createApiKey").map((n) => n.text)).toEqual([
      expect.stringContaining("APIKeyAlreadyExists"),
    ]);
  });
});

describe("the ❌ change events", () => {
  it("are exactly realm-web's operation types the kit never produces", () => {
    // Lists the kit's own operation types: adding one to ChangeOperationType fails the typecheck here.
    const produced: Record<ChangeOperationType, true> = {
      insert: true,
      update: true,
      replace: true,
      delete: true,
    };
    const missing = input.members
      .filter((m) => m.owner === "ChangeEvent" && input.sdkClaims[m.id]?.status === "missing")
      .map((m) => m.id.replace("ChangeEvent.", ""));
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.filter((type) => type in produced)).toEqual([]);
    expect(
      input.members.filter((m) => m.owner === "ChangeEvent").map((m) => m.id.replace("ChangeEvent.", "")),
    ).toEqual(expect.arrayContaining(Object.keys(produced)));
  });
});

describe("route templates", () => {
  it("name each route so that the template, with sample values, matches the route's own pattern", () => {
    for (const { id, route } of readRouteRows()) {
      const sample = id
        .replace(/^\w+ /, "")
        .replace(/:(\w+)\(([\w-]+)\|[\w|-]+\)/g, "$2")
        .replace(/:\w+/g, "x1");
      expect(route.pattern.test(sample), `${id} → ${sample}`).toBe(true);
    }
  });

  it("refuse a pattern they cannot name", () => {
    expect(() => routeTemplate(/^\/auth\/(a|b)+$/)).toThrow(/no readable template/);
  });
});

describe("README Deviations", () => {
  it("are read by their bold leads", () => {
    const leads = [...readDeviations(read("README.md")).keys()];
    expect(leads).toEqual(expect.arrayContaining(["OAuth:", "API keys:", "Streaming a user function"]));
  });
});
