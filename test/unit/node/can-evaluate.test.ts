import { describe, expect, it } from "vitest";
import type { FunctionContext } from "../../../src/index.js";
import { canEvaluateCheck } from "../../../src/node/config/can-evaluate.js";

const context = (id: string, customData: Record<string, unknown> = {}): FunctionContext =>
  ({
    user: {
      id,
      type: "normal",
      data: { email: `${id}@example.com` },
      custom_data: customData,
      identities: [],
    },
    values: { get: (name: string) => (name === "adminIds" ? ["a1", "a2"] : undefined) },
    environment: { tag: "qa", values: { open: true } },
    request: undefined,
    functions: {
      execute: async (name: string, ...args: unknown[]) => {
        if (name === "isVip") return args[0] === "vip";
        throw new Error("no such function");
      },
    },
  }) as unknown as FunctionContext;

const check = (expression: unknown, ctx: FunctionContext) => {
  const guard = canEvaluateCheck(expression);
  if (guard === undefined) throw new Error("expected a guard");
  return guard(ctx, []);
};

describe("can_evaluate expressions", () => {
  it("allow every call when empty or absent", () => {
    expect(canEvaluateCheck({})).toBeUndefined();
    expect(canEvaluateCheck(undefined)).toBeUndefined();
    expect(canEvaluateCheck(true)).toBeUndefined();
  });

  it("compare expansions with values, operators and other expansions", async () => {
    const admins = { "%%user.id": { $in: "%%values.adminIds" } };
    expect(await check(admins, context("a1"))).toBe(true);
    expect(await check(admins, context("b1"))).toBe(false);
    expect(await check({ "%%user.custom_data.role": "admin" }, context("x", { role: "admin" }))).toBe(true);
    expect(await check({ "%%user.custom_data.teams": "red" }, context("x", { teams: ["blue", "red"] }))).toBe(
      true,
    );
    expect(
      await check(
        { "%%environment.tag": { $ne: "production" }, "%%environment.values.open": true },
        context("x"),
      ),
    ).toBe(true);
    expect(await check({ "%%user.custom_data.plan": { $exists: false } }, context("x"))).toBe(true);
    expect(await check(false, context("x"))).toBe(false);
  });

  it("combine with %or / %and / %not and call functions with %function", async () => {
    const either = { "%or": [{ "%%user.id": "a1" }, { "%%user.custom_data.vip": true }] };
    expect(await check(either, context("zz", { vip: true }))).toBe(true);
    expect(await check({ "%not": either }, context("zz"))).toBe(true);
    const vip = { "%%true": { "%function": { name: "isVip", arguments: ["%%user.custom_data.level"] } } };
    expect(await check(vip, context("x", { level: "vip" }))).toBe(true);
    expect(await check(vip, context("x", { level: "basic" }))).toBe(false);
  });
});
