import { describe, expect, it } from "vitest";
import type { FunctionUser } from "../../../src/functions/types.js";
import { loadMingo } from "../../../src/mongodb/mingo.js";
import { assignRole, mayWrite, modifiedPaths, readableView } from "../../../src/rules/decisions.js";
import type { ExpressionScope } from "../../../src/rules/expression.js";
import { runStep, type Step } from "../../../src/rules/steps.js";
import type { RuleRole } from "../../../src/rules/types.js";

// The decisions are the synchronous core; the engine loads mingo (query operators in rules) before running them.
await loadMingo();
const run = <T>(step: Step<T>): Promise<T> => Promise.resolve(runStep(step));

const user: FunctionUser = { id: "u1", type: "normal", data: {}, custom_data: {}, identities: [] };
const scope = (root?: Record<string, unknown>, prevRoot?: Record<string, unknown>): ExpressionScope => ({
  user,
  values: {},
  root,
  prevRoot,
});
const role = (extra: Partial<RuleRole>): RuleRole => ({ name: "r", ...extra });
const doc = { _id: 1, owner: "u1", title: "t", secret: "s", address: { city: "Lyon", zip: "69000" } };
const read = (r: RuleRole, d: Record<string, unknown> = doc) => run(readableView(r, d, scope(d)));

describe("role assignment", () => {
  it("takes the first role whose apply_when holds, in order, and none when none does", async () => {
    const roles = [
      role({ name: "a", apply_when: { owner: "someone" } }),
      role({ name: "b", apply_when: { owner: "%%user.id" } }),
      role({ name: "c", apply_when: {} }),
    ];
    expect((await run(assignRole(roles, scope(doc))))?.name).toBe("b");
    expect(await run(assignRole(roles.slice(0, 1), scope(doc)))).toBeUndefined();
    expect((await run(assignRole([role({ name: "no apply_when" })], scope(doc))))?.name).toBe(
      "no apply_when",
    );
  });
});

describe("read decision (§7.4)", () => {
  it("document level: read true, or write true, gives the whole document; read false alone denies", async () => {
    expect(await read(role({ read: true }))).toBe(doc);
    expect(await read(role({ read: false, write: true }))).toBe(doc);
    expect(await read(role({ read: false }))).toBeUndefined();
    expect(await read(role({ read: { owner: "%%user.id" } }))).toBe(doc);
  });

  it("document_filters: read, else write, must hold", async () => {
    expect(await read(role({ document_filters: { read: false, write: true }, read: true }))).toBe(doc);
    expect(await read(role({ document_filters: { read: false }, read: true }))).toBeUndefined();
    expect(await read(role({ document_filters: {}, read: true }))).toBeUndefined();
  });

  it("field level: listed fields by read or write, nested fields, additional_fields, _id kept", async () => {
    const r = role({
      fields: {
        title: { write: true },
        secret: { read: false },
        address: { fields: { city: { read: true } } },
      },
      additional_fields: { read: false },
    });
    expect(await read(r)).toEqual({ _id: 1, title: "t", address: { city: "Lyon" } });
    expect(await read(role({ additional_fields: { write: true }, fields: { secret: {} } }))).toEqual({
      _id: 1,
      owner: "u1",
      title: "t",
      address: { city: "Lyon", zip: "69000" },
    });
    expect(await read(role({ fields: { title: { read: { "%%this": "t" } } } }))).toEqual({
      _id: 1,
      title: "t",
    });
    expect(await read(role({ fields: { title: { read: { "%%this": "x" } } } }))).toBeUndefined();
    expect(await read(role({}))).toBeUndefined();
  });
});

describe("modified paths", () => {
  it("lists changed, added and removed fields down through embedded documents, never _id", () => {
    expect(
      modifiedPaths(
        { _id: 1, a: 1, b: { c: 1, d: 2 }, e: [1], gone: true },
        { _id: 2, a: 1, b: { c: 2, d: 2, n: 1 }, e: [1, 2], added: 1 },
      ),
    ).toEqual([["b", "c"], ["b", "n"], ["e"], ["gone"], ["added"]]);
  });
});

describe("write decision (§7.5)", () => {
  const after = { ...doc, title: "new" };
  const update = (r: RuleRole, next: Record<string, unknown> = after) =>
    run(mayWrite(r, "update", scope(next, doc)));

  it("document_filters.write must hold; write false denies; write true allows", async () => {
    expect(await update(role({ document_filters: { write: false }, write: true }))).toBe(false);
    expect(await update(role({ write: false, fields: { title: { write: true } } }))).toBe(false);
    expect(await update(role({ write: true }))).toBe(true);
  });

  it("field level: every modified field needs write, from its entry, an enclosing entry or additional_fields", async () => {
    expect(await update(role({ fields: { title: { write: true } } }))).toBe(true);
    expect(
      await update(role({ fields: { title: { read: true } }, additional_fields: { write: true } })),
    ).toBe(false);
    expect(await update(role({ additional_fields: { write: true } }))).toBe(true);
    const moved = { ...doc, address: { city: "Paris", zip: "69000" } };
    expect(await update(role({ fields: { address: { fields: { city: { write: true } } } } }), moved)).toBe(
      true,
    );
    expect(await update(role({ fields: { address: { write: true } } }), moved)).toBe(true);
    expect(await update(role({ fields: { address: { fields: { zip: { write: true } } } } }), moved)).toBe(
      false,
    );
    expect(await update(role({ fields: { title: { write: { "%%this": { $ne: "%%prev" } } } } }))).toBe(true);
  });

  it("insert and delete need write on every field, then insert/delete (default true)", async () => {
    const insert = (r: RuleRole) => run(mayWrite(r, "insert", scope(doc)));
    const remove = (r: RuleRole) => run(mayWrite(r, "delete", scope(doc, doc)));
    expect(await insert(role({ write: true }))).toBe(true);
    expect(await insert(role({ write: true, insert: false }))).toBe(false);
    expect(await insert(role({ additional_fields: { write: true } }))).toBe(true);
    expect(await insert(role({ fields: { title: { write: true } } }))).toBe(false);
    expect(await remove(role({ write: true }))).toBe(true);
    expect(await remove(role({ write: true, delete: false }))).toBe(false);
    expect(await remove(role({ read: true }))).toBe(false);
  });

  it("supports the insert-only pattern with %%prevRoot", async () => {
    const insertOnly = role({ write: { "%%prevRoot": { "%exists": false } }, insert: true });
    expect(await run(mayWrite(insertOnly, "insert", scope(doc)))).toBe(true);
    expect(await update(insertOnly)).toBe(false);
  });
});
