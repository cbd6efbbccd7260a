import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SignJWT } from "jose";
import * as Realm from "realm-web";
import { rolldown } from "rolldown";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

// Issue 8 §3 and §7: what a function returns arrives as itself or as an error; a custom JWT needs `exp`.
const circular: Record<string, unknown> = { name: "loop" };
circular.self = circular;
const SECRET = "a-very-long-signing-secret-of-32-chars";

const mock = createMockApp({
  id: "results-app",
  providers: { "anon-user": true, "custom-token": { signingKeys: [SECRET] } },
  functions: {
    hugeBigInt: () => 2n ** 70n,
    smallBigInt: () => 5n,
    aFunction: () => ({ ok: 1, f: () => 1 }),
    aSymbol: () => [1, Symbol("s")],
    circular: () => circular,
    aMap: () => new Map([["a", 1]]),
    bytes: () => ({ u8: new Uint8Array([1, 2, 3]), buffer: Buffer.from("hi") }),
  },
});
serve(mock);

async function user() {
  return realmApp(mock).logIn(Realm.Credentials.anonymous());
}

describe("function results", () => {
  it.each([
    ["hugeBigInt", /the BigInt 1180591620717411303424 \(beyond a 64-bit Long\) at result/],
    ["aFunction", /a function at result\.f/],
    ["aSymbol", /a symbol \(s\) at result\[1\]/],
    ["circular", /a circular reference at result\.self/],
    ["aMap", /a Map at result/],
  ])("answers %s with FunctionExecutionError naming the problem", async (name, reason) => {
    const error = await realmFailure((await user()).callFunction(name));
    expect.soft(error.errorCode).toBe("FunctionExecutionError");
    expect.soft(error.statusCode).toBe(400);
    expect(error.message).toMatch(reason);
    expect(mock.events.list({ type: "function-called" }).at(-1)).toMatchObject({
      name,
      outcome: { ok: false, errorCode: "FunctionExecutionError" },
    });
  });

  it("sends a BigInt within a Long as a number and Uint8Array/Buffer as Binary", async () => {
    const u = await user();
    expect(await u.callFunction("smallBigInt")).toBe(5);
    const { u8, buffer } = (await u.callFunction("bytes")) as {
      u8: Realm.BSON.Binary;
      buffer: Realm.BSON.Binary;
    };
    expect(u8).toBeInstanceOf(Realm.BSON.Binary);
    expect([...u8.buffer]).toEqual([1, 2, 3]);
    expect(buffer).toBeInstanceOf(Realm.BSON.Binary);
    expect(new TextDecoder().decode(buffer.buffer)).toBe("hi");
  });
});

describe("custom JWT", () => {
  it("refuses a token without exp, as App Services requires one", async () => {
    const token = await new SignJWT({ sub: "no-exp", aud: mock.id })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .sign(new TextEncoder().encode(SECRET));
    const error = await realmFailure(realmApp(mock).logIn(Realm.Credentials.jwt(token)));
    expect.soft(error.statusCode).toBe(401);
    expect(error.message).toMatch(/missing required "exp" claim/);
    const minted = await mock.tokens.customJwt({ sub: "with-exp" });
    expect((await realmApp(mock).logIn(Realm.Credentials.jwt(minted))).providerType).toBe("custom-token");
  });
});

describe("hand-made tokens", () => {
  it("refuses an unsigned or edited copy of a real access token with 401 InvalidSession", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const [header, payload, signature] = (user.accessToken ?? "").split(".");
    const unsigned = `${btoa(JSON.stringify({ alg: "none", typ: "JWT" })).replace(/=+$/, "")}.${payload}.`;
    const resigned = `${header}.${payload}.${signature?.slice(0, -4)}AAAA`;
    for (const token of [unsigned, resigned]) {
      const reply = await mock.handle(
        new Request(`${mock.baseUrl}/api/client/v2.0/auth/profile`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      expect(reply?.status).toBe(401);
      expect(await reply?.json()).toMatchObject({ error_code: "InvalidSession" });
    }
  });
});

describe("time limit in a plain Node process", () => {
  it("answers ExecutionTimeLimitExceeded instead of letting the process exit while a call hangs", async () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    // The kit, bundled from source (its dependencies stay imports, resolved from the project's node_modules).
    const dir = `${root}node_modules/.cache/app-services-mock-tests`;
    mkdirSync(dir, { recursive: true });
    const bundle = await rolldown({
      input: `${root}src/index.ts`,
      platform: "node",
      external: (id) => !id.startsWith(".") && !id.startsWith("/"),
      resolve: { extensionAlias: { ".js": [".ts", ".js"] } },
      logLevel: "silent",
    });
    await bundle.write({ file: `${dir}/kit.mjs`, format: "esm" });
    await bundle.close();
    writeFileSync(
      `${dir}/hang.mjs`,
      `import { createMockApp } from "./kit.mjs";
const mock = createMockApp({
  functionTimeoutMs: 300,
  providers: { "anon-user": true },
  functions: { hang: () => new Promise(() => {}) },
});
const api = mock.baseUrl + "/api/client/v2.0/app/" + mock.id;
const login = await mock.handle(new Request(api + "/auth/providers/anon-user/login", { method: "POST", body: "{}" }));
const { access_token } = await login.json();
const reply = await mock.handle(new Request(api + "/functions/call", {
  method: "POST",
  headers: { authorization: "Bearer " + access_token },
  body: JSON.stringify({ name: "hang", arguments: [] }),
}));
console.log(JSON.stringify({ status: reply.status, body: await reply.json() }));
`,
    );
    const child = spawnSync(process.execPath, [`${dir}/hang.mjs`], { encoding: "utf8", timeout: 20_000 });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      status: 400,
      body: { error: "execution time limit exceeded", error_code: "ExecutionTimeLimitExceeded" },
    });
  }, 60_000);
});
