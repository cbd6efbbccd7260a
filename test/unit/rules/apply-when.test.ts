// A prepared apply_when must decide exactly as the general evaluator does, for every document; shapes it does not
// cover must be left to the evaluator (undefined).
import { ObjectId } from "bson";
import { describe, expect, it } from "vitest";
import type { FunctionUser } from "../../../src/functions/types.js";
import { prepareApplyWhen } from "../../../src/rules/apply-when.js";
import { type ExpressionScope, evaluateRule } from "../../../src/rules/expression.js";

const ADA: FunctionUser = {
  id: "65a000000000000000000001",
  type: "normal",
  data: { email: "ada@example.com" },
  custom_data: { isAdmin: true, teams: ["red", "blue"], level: 3, nothing: null },
  identities: [{ id: "x", provider_type: "local-userpass", data: {} }],
};
const scope: ExpressionScope = {
  user: ADA,
  values: { admin: "65a000000000000000000001", limit: 5 },
  environment: { tag: "testing", values: { region: "eu" } },
};

const documents: unknown[] = [
  { _id: new ObjectId(), owner_id: ADA.id, team: "red", n: 5, nested: { owner: ADA.id } },
  { _id: new ObjectId(), owner_id: "someone-else", team: ["red", "green"], n: 5.0 },
  { _id: new ObjectId(), owner_id: [ADA.id, "other"], team: "blue", n: "5" },
  { _id: new ObjectId(), team: null },
  { _id: new ObjectId(), owner_id: null, nested: [{ owner: ADA.id }, { owner: "x" }] },
  { _id: new ObjectId(), owner_id: ADA.id, constructor: ADA.id, __proto__: { owner_id: "inherited" } },
];

const prepared: unknown[] = [
  undefined,
  true,
  false,
  {},
  { owner_id: "%%user.id" },
  { owner_id: "%%values.admin", team: "red" },
  { "nested.owner": "%%user.id" },
  { team: "%%user.custom_data.teams" },
  { n: "%%values.limit" },
  { n: 5 },
  { team: null },
  { owner_id: "%%user.custom_data.missing" },
  { owner_id: "%%user.custom_data.nothing" },
  { "%%user.custom_data.isAdmin": true },
  { "%%user.custom_data.isAdmin": false, owner_id: "%%user.id" },
  { "%%environment.tag": "testing", owner_id: "%%user.id" },
  { "%%true": true, team: "red" },
  { constructor: "%%user.id" },
  { "owner_id.__proto__": "inherited" },
  { owner_id: "literal string" },
];

const general: unknown[] = [
  { owner_id: { $in: ["%%user.id"] } },
  { owner_id: "%%root.team" },
  { "%%root.owner_id": "%%user.id" },
  { "%or": [{ owner_id: "%%user.id" }, { team: "red" }] },
  { team: ["red", "green"] },
  { nested: { owner: "%%user.id" } },
  { owner_id: { "%stringToOid": "%%user.id" } },
  "not an expression",
];

describe("prepareApplyWhen", () => {
  it.each(prepared.map((expression) => [JSON.stringify(expression) ?? "undefined", expression]))(
    "%s decides every document as the evaluator does",
    async (_name, expression) => {
      const test = prepareApplyWhen(expression, scope);
      expect(test).toBeTypeOf("function");
      for (const doc of documents) {
        const expected = (await evaluateRule(expression ?? {}, { ...scope, root: doc })) === true;
        expect(test?.(doc), JSON.stringify(doc)).toBe(expected);
      }
    },
  );

  it("covers both outcomes over the documents (the table above is not all true or all false)", () => {
    const outcomes = new Set(
      prepared.flatMap((expression) => documents.map((doc) => prepareApplyWhen(expression, scope)?.(doc))),
    );
    expect(outcomes).toEqual(new Set([true, false]));
  });

  it.each(general.map((expression) => [JSON.stringify(expression), expression]))(
    "%s is left to the evaluator",
    (_name, expression) => {
      expect(prepareApplyWhen(expression, scope)).toBeUndefined();
    },
  );

  it("leaves a values lookup that throws to the evaluator", () => {
    const throwing: ExpressionScope = {
      ...scope,
      values: () => {
        throw new Error("no such value");
      },
    };
    expect(prepareApplyWhen({ owner_id: "%%values.admin" }, throwing)).toBeUndefined();
  });
});
