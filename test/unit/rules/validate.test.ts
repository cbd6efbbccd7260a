import { describe, expect, it } from "vitest";
import { createMockApp } from "../../../src/index.js";
import type { RulesOptions } from "../../../src/rules/types.js";

const role = { name: "r", apply_when: {}, read: true };
const withRole = (extra: Record<string, unknown>): RulesOptions => ({
  "mongodb-atlas": { collections: [{ database: "db", collection: "c", roles: [{ ...role, ...extra }] }] },
});
const attempt = (rules: unknown) => () => createMockApp({ rules: rules as RulesOptions });
const PREFIX = "[app-services-mock] Invalid createMockApp({ rules }): ";
const ROLE = 'rules["mongodb-atlas"].collections[0].roles[0]';

describe("createMockApp({ rules }) validation", () => {
  it("accepts the documented shapes", () => {
    expect(() =>
      createMockApp({
        rules: {
          "mongodb-atlas": {
            defaultRule: {
              roles: [role],
              filters: [{ name: "f", apply_when: { "%%true": true }, query: {}, projection: {} }],
            },
            collections: [
              {
                database: "db",
                collection: "c",
                roles: [{ ...role, fields: { a: { read: true, fields: { b: { write: true } } } } }],
              },
            ],
          },
        },
      }).close(),
    ).not.toThrow();
  });

  it("names the path of an unknown expansion or operator", () => {
    expect(attempt(withRole({ apply_when: { "%%usr.id": "x" } }))).toThrow(
      `${PREFIX}${ROLE}.apply_when["%%usr.id"]: unknown expansion "%%usr.id"`,
    );
    expect(attempt(withRole({ read: { owner: { "%bogus": 1 } } }))).toThrow(
      `${PREFIX}${ROLE}.read.owner["%bogus"]: unknown operator "%bogus"`,
    );
    expect(attempt(withRole({ write: { owner: "%%nope" } }))).toThrow(
      `${ROLE}.write.owner: unknown expansion "%%nope"`,
    );
    expect(attempt(withRole({ apply_when: { "%%true": { "%function": { arguments: [] } } } }))).toThrow(
      `${ROLE}.apply_when["%%true"]["%function"].name: must be a non-empty string`,
    );
  });

  it("refuses unknown settings, duplicate role names, duplicate namespaces and bad projections", () => {
    expect(attempt(withRole({ apply_whenn: {} }))).toThrow(`${ROLE}.apply_whenn: unknown setting`);
    expect(
      attempt({
        "mongodb-atlas": { collections: [{ database: "db", collection: "c", roles: [role, role] }] },
      }),
    ).toThrow('rules["mongodb-atlas"].collections[0].roles[1].name: a role named "r" is already defined');
    const rule = { database: "db", collection: "c", roles: [role] };
    expect(attempt({ "mongodb-atlas": { collections: [rule, rule] } })).toThrow(
      'rules["mongodb-atlas"].collections[1]: a second rule for db.c',
    );
    expect(attempt({ "mongodb-atlas": { collections: [{ collection: "c" }] } })).toThrow(
      'rules["mongodb-atlas"].collections[0].database: must be a non-empty string',
    );
    expect(attempt({ s: { defaultRule: { filters: [{ name: "f", projection: { a: 2 } }] } } })).toThrow(
      "rules.s.defaultRule.filters[0].projection.a: must be 0, 1, true or false",
    );
    expect(attempt({ s: { collections: {} } })).toThrow("rules.s.collections: must be an array");
    expect(attempt([])).toThrow("rules must be { [service]: rules } (got Array");
  });

  it("refuses document expansions in a filter's apply_when", () => {
    expect(
      attempt({ s: { defaultRule: { filters: [{ name: "f", apply_when: { "%%root.a": 1 } }] } } }),
    ).toThrow(
      'rules.s.defaultRule.filters[0].apply_when["%%root.a"]: "%%root.a" is not available here (filters see no document)',
    );
  });

  it("refuses __proto__, constructor and prototype as keys and path segments", () => {
    const fields = JSON.parse('{ "__proto__": { "read": true } }') as Record<string, unknown>;
    expect(attempt(withRole({ fields }))).toThrow(`${ROLE}.fields["__proto__"]: this key is not allowed`);
    expect(attempt(withRole({ apply_when: { "%%user.custom_data.__proto__.x": true } }))).toThrow(
      `${ROLE}.apply_when["%%user.custom_data.__proto__.x"]: this key is not allowed`,
    );
    expect(attempt(withRole({ read: { "a.constructor.prototype": 1 } }))).toThrow(
      `${ROLE}.read["a.constructor.prototype"]: this key is not allowed`,
    );
    expect(attempt(JSON.parse('{ "__proto__": { "defaultRule": {} } }'))).toThrow(
      'rules["__proto__"]: this key is not allowed',
    );
    expect(({} as Record<string, unknown>).read).toBeUndefined();
    expect(({} as Record<string, unknown>).defaultRule).toBeUndefined();
  });
});
