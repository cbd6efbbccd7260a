import { ObjectId, UUID } from "bson";
import { describe, expect, it } from "vitest";
import type { FunctionUser } from "../../../src/functions/types.js";
import { type ExpressionScope, evaluateRule } from "../../../src/rules/expression.js";

const ADA: FunctionUser = {
  id: "65a000000000000000000001",
  type: "normal",
  data: { email: "ada@example.com" },
  custom_data: { isAdmin: true, teams: ["red", "blue"], manages: ["bo@example.com"], level: 3 },
  identities: [{ id: "x", provider_type: "local-userpass", data: {} }],
};

const scope = (extra: Partial<ExpressionScope> = {}): ExpressionScope => ({
  user: ADA,
  values: { adminIds: ["65a000000000000000000001"], limit: 5 },
  ...extra,
});

const doc = {
  _id: new ObjectId("65a0000000000000000000aa"),
  owner_id: "65a000000000000000000001",
  shared_with: ["65a000000000000000000009", "65a000000000000000000001"],
  team: "red",
  email: "bo@example.com",
  stats: { views: 10 },
  members: [{ id: "a" }, { id: "b" }],
};
const withDoc = (extra: Partial<ExpressionScope> = {}) => scope({ root: doc, ...extra });

describe("evaluateRule", () => {
  it("takes booleans and {} as they are, and undefined as not set", async () => {
    expect(await evaluateRule(true, scope())).toBe(true);
    expect(await evaluateRule(false, scope())).toBe(false);
    expect(await evaluateRule({}, scope())).toBe(true);
    expect(await evaluateRule(undefined, scope())).toBeUndefined();
  });

  it("expands %%user, %%user.id, data, custom_data and identities", async () => {
    expect(await evaluateRule({ "%%user.id": "65a000000000000000000001" }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user.type": "normal" }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user.data.email": "ada@example.com" }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user.custom_data.isAdmin": true }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user.custom_data.isAdmin": false }, scope())).toBe(false);
    expect(await evaluateRule({ "%%user.identities.provider_type": "local-userpass" }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user.identities.providerType": "local-userpass" }, scope())).toBe(true);
    expect(await evaluateRule({ "%%user": { id: "65a000000000000000000001" } }, scope())).toBe(true);
  });

  it("expands %%true, %%false and %%values", async () => {
    expect(await evaluateRule({ "%%true": true }, scope())).toBe(true);
    expect(await evaluateRule({ "%%false": true }, scope())).toBe(false);
    expect(await evaluateRule({ "%%user.id": { $in: "%%values.adminIds" } }, scope())).toBe(true);
    expect(await evaluateRule({ "%%values.limit": { $gt: 4, $lte: 5 } }, scope())).toBe(true);
    expect(await evaluateRule({ "%%values.missing": { $exists: false } }, scope())).toBe(true);
  });

  it("reads plain field names from %%root, with array membership both ways", async () => {
    expect(await evaluateRule({ owner_id: "%%user.id" }, withDoc())).toBe(true);
    expect(await evaluateRule({ owner_id: "someone else" }, withDoc())).toBe(false);
    expect(await evaluateRule({ shared_with: "%%user.id" }, withDoc())).toBe(true);
    expect(await evaluateRule({ email: "%%user.custom_data.manages" }, withDoc())).toBe(true);
    expect(await evaluateRule({ team: { "%in": "%%user.custom_data.teams" } }, withDoc())).toBe(true);
    expect(await evaluateRule({ team: { "%nin": "%%user.custom_data.teams" } }, withDoc())).toBe(false);
    expect(await evaluateRule({ "stats.views": { $gte: 10 } }, withDoc())).toBe(true);
    expect(await evaluateRule({ "members.id": "b" }, withDoc())).toBe(true);
    expect(await evaluateRule({ "%%root.owner_id": "%%user.id" }, withDoc())).toBe(true);
  });

  it("tests presence with %exists and treats null as missing", async () => {
    expect(await evaluateRule({ "%%prevRoot": { "%exists": false } }, withDoc())).toBe(true);
    expect(await evaluateRule({ "%%prevRoot": { "%exists": true } }, withDoc({ prevRoot: doc }))).toBe(true);
    expect(await evaluateRule({ deleted_at: null }, withDoc())).toBe(true);
    expect(await evaluateRule({ "%%user.custom_data.masterId": null }, scope())).toBe(true);
  });

  it("combines with %and, %or, %nor and %not, at the top and inside a field", async () => {
    const owner = { owner_id: "%%user.id" };
    const other = { owner_id: "nobody" };
    expect(await evaluateRule({ "%or": [other, owner] }, withDoc())).toBe(true);
    expect(await evaluateRule({ "%and": [other, owner] }, withDoc())).toBe(false);
    expect(await evaluateRule({ "%nor": [other] }, withDoc())).toBe(true);
    expect(await evaluateRule({ "%not": other }, withDoc())).toBe(true);
    expect(await evaluateRule({ "stats.views": { "%and": [{ $gt: 0 }, { $lte: 42 }] } }, withDoc())).toBe(
      true,
    );
    expect(await evaluateRule({ "stats.views": { "%or": [{ $lt: 0 }, { $gt: 99 }] } }, withDoc())).toBe(
      false,
    );
  });

  it("converts with %stringToOid, %oidToString, %stringToUuid and %uuidToString", async () => {
    expect(await evaluateRule({ _id: { "%stringToOid": "65a0000000000000000000aa" } }, withDoc())).toBe(true);
    expect(await evaluateRule({ _id: { "%stringToOid": "65a0000000000000000000ab" } }, withDoc())).toBe(
      false,
    );
    expect(await evaluateRule({ "%%root._id": { "%stringToOid": "not an id" } }, withDoc())).toBe(false);
    const hex = { "%%values.hex": { "%oidToString": "%%root._id" } };
    expect(await evaluateRule(hex, withDoc({ values: { hex: "65a0000000000000000000aa" } }))).toBe(true);
    const uuid = new UUID("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(
      await evaluateRule(
        { key: { "%stringToUuid": "0f8fad5b-d9cb-469f-a165-70867728950e" } },
        scope({ root: { key: uuid } }),
      ),
    ).toBe(true);
    expect(
      await evaluateRule(
        { "%%values.u": { "%uuidToString": "%%root.key" } },
        scope({ root: { key: uuid }, values: { u: uuid.toString() } }),
      ),
    ).toBe(true);
  });

  it("calls %function with resolved arguments; its result is compared, a throw is false", async () => {
    const calls: unknown[][] = [];
    const callFunction = async (name: string, args: unknown[]) => {
      calls.push([name, ...args]);
      if (name === "boom") throw new Error("nope");
      return name === "isOwner" && args[0] === args[1];
    };
    const expression = (name: string) => ({
      "%%true": { "%function": { name, arguments: ["%%root.owner_id", "%%user.id"] } },
    });
    expect(await evaluateRule(expression("isOwner"), withDoc({ callFunction }))).toBe(true);
    expect(await evaluateRule(expression("other"), withDoc({ callFunction }))).toBe(false);
    expect(await evaluateRule(expression("boom"), withDoc({ callFunction }))).toBe(false);
    expect(calls[0]).toEqual(["isOwner", doc.owner_id, ADA.id]);
    expect(await evaluateRule(expression("isOwner"), withDoc())).toBe(false);
  });

  it("sees %%this and %%prev, and %%request", async () => {
    expect(await evaluateRule({ "%%this": { $gt: "%%prev" } }, scope({ this: 3, prev: 2 }))).toBe(true);
    expect(await evaluateRule({ "%%this": { $gt: "%%prev" } }, scope({ this: 1, prev: 2 }))).toBe(false);
    const request = {
      httpMethod: "POST",
      requestHeaders: {},
      rawQueryString: "",
      httpUserAgent: "test",
      remoteIPAddress: "127.0.0.1",
    };
    expect(await evaluateRule({ "%%request.httpMethod": "POST" }, scope({ request }))).toBe(true);
  });

  it("never reads through __proto__, constructor or prototype", async () => {
    expect(await evaluateRule({ "%%user.custom_data.constructor": { $exists: true } }, scope())).toBe(false);
    expect(await evaluateRule({ "%%user.__proto__.toString": { $exists: true } }, scope())).toBe(false);
    expect(await evaluateRule({ "owner_id.constructor.prototype": { $exists: true } }, withDoc())).toBe(
      false,
    );
    expect(await evaluateRule({ "%%root.constructor.name": "Object" }, withDoc())).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("does not let a user-controlled value act as a query operator", async () => {
    const user = { ...ADA, custom_data: { team: { $ne: "nothing" } } };
    expect(await evaluateRule({ team: "%%user.custom_data.team" }, withDoc({ user }))).toBe(false);
  });

  it("is false for an unknown operator at the top or inside a field", async () => {
    expect(await evaluateRule({ "%bogus": [] }, withDoc())).toBe(false);
    expect(await evaluateRule({ team: { "%bogus": 1 } }, withDoc())).toBe(false);
  });
});
