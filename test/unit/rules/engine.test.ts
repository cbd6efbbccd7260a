import { describe, expect, it } from "vitest";
import type { FunctionUser } from "../../../src/functions/types.js";
import { attachRules, RulesEngine, rulesFor } from "../../../src/rules/engine.js";
import type { RulesOptions } from "../../../src/rules/types.js";

const user: FunctionUser = {
  id: "u1",
  type: "normal",
  data: {},
  custom_data: { team: "red" },
  identities: [],
};
const ns = (collection: string, service = "s") => ({ service, database: "db", collection });
const all = { name: "all", apply_when: {}, read: true, write: true };

const RULES: RulesOptions = {
  s: {
    defaultRule: {
      roles: [all],
      filters: [{ name: "team", apply_when: {}, query: { team: "%%user.custom_data.team" } }],
    },
    collections: [
      {
        database: "db",
        collection: "mixed",
        roles: [all],
        filters: [
          { name: "a", apply_when: {}, projection: { a: 0 } },
          { name: "b", apply_when: { "%%values.strict": true }, projection: { b: 1 } },
        ],
      },
      { database: "db", collection: "own", filters: [{ name: "mine", query: { owner: "%%user.id" } }] },
    ],
  },
};

const engine = (values: Record<string, unknown> = {}) => new RulesEngine(RULES, { values });
const rulesOf = (collection: string, values?: Record<string, unknown>) => {
  const rules = engine(values).forCollection(ns(collection), { user });
  if (rules === undefined) throw new Error("expected rules");
  return rules;
};

describe("RulesEngine", () => {
  it("resolves expansions in filter queries, and uses default filters and roles where the collection has none", async () => {
    expect(await rulesOf("other").queryFilter()).toEqual({ team: "red" });
    const own = rulesOf("own");
    expect(await own.queryFilter()).toEqual({ owner: "u1" });
    expect(await own.filterRead([{ _id: 1, owner: "u1" }])).toEqual([{ _id: 1, owner: "u1" }]);
  });

  it("merges applying projections and refuses a mix of inclusion and exclusion", async () => {
    expect(await rulesOf("mixed").projection()).toEqual({ a: 0 });
    expect(await rulesOf("mixed").filterRead([{ _id: 1, a: 1, b: 2 }])).toEqual([{ _id: 1, b: 2 }]);
    await expect(rulesOf("mixed", { strict: true }).projection()).rejects.toThrow(
      "the applying filters mix inclusive and exclusive projections",
    );
  });

  it("answers undefined for a service without rules and NoMatchingRuleFound for a namespace without any", () => {
    expect(engine().forCollection(ns("x", "free"), { user })).toBeUndefined();
    const strict = new RulesEngine({ t: { collections: [] } }, { values: {} });
    expect(() => strict.forCollection(ns("x", "t"), { user })).toThrow("no rule exists for namespace 'db.x'");
  });

  it("is reachable through the runtime it is attached to, for other engines", async () => {
    const runtime = {};
    expect(rulesFor(runtime, ns("own"), { user })).toBeUndefined();
    attachRules(runtime, engine());
    expect(await rulesFor(runtime, ns("own"), { user })?.queryFilter()).toEqual({ owner: "u1" });
  });
});
