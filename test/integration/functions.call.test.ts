import { Binary, Decimal128, ObjectId } from "bson";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type FunctionContext } from "../../src/index.js";
import { realmFailure, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const BO = "65a000000000000000000003";

/** The functions as the app types them (realm-web types `functions` with an index signature otherwise). */
type Fns = {
  sum(a: number, b: number): Promise<number>;
  echo(...args: unknown[]): Promise<unknown[]>;
  whoAmI(): Promise<Record<string, unknown>>;
};

const describeValue = (value: unknown): string => {
  if (value === null) return "null";
  if (value instanceof Date) return "Date";
  if (Array.isArray(value)) return "array";
  if (value instanceof ObjectId) return "ObjectId";
  if (value instanceof Decimal128) return "Decimal128";
  if (value instanceof Binary) return "Binary";
  return typeof value;
};

/** What a run-as-system function called by Ada sees: Ada, with system rights. */
const SYSTEM_CALL_VIEW = {
  user: expect.objectContaining({ id: ADA, type: "normal", data: { email: "ada@example.com" } }),
  system: true,
};

const mock = createMockApp({
  id: "functions-app",
  customUserData: { database: "app", collection: "custom", userIdField: "userId" },
  users: [
    { id: ADA, email: "ada@example.com", password: "password1", customData: { favoriteColor: "blue" } },
    { id: BO, email: "bo@example.com", password: "password3", data: { address: { city: "Paris" } } },
  ],
  values: { greeting: "bonjour", limits: { max: 3 } },
  data: { "mongodb-atlas": { shop: { items: [{ _id: 1, name: "pen" }] } } },
  functions: {
    sum: (_context, a: number, b: number) => a + b,
    echo: (_context, ...args: unknown[]) => args,
    types: (_context, ...args: unknown[]) => args.map(describeValue),
    whoAmI: (context: FunctionContext) => context.user,
    nothing: () => undefined,
    asyncValue: async () => new ObjectId("65a0000000000000000000aa"),
    greet: (context: FunctionContext, name: string) => `${String(context.values.get("greeting"))} ${name}`,
    value: (context: FunctionContext, name: string) => context.values.get(name) ?? null,
    secret: { handler: () => "from a private function", private: true },
    callsSecret: (context: FunctionContext) => context.functions.execute("secret"),
    systemUser: {
      handler: (context: FunctionContext) => ({ user: context.user, system: context.runningAsSystem() }),
      runAsSystem: true,
    },
    environment: (context: FunctionContext) => context.environment,
    http: (context: FunctionContext) => context.http.get({ url: "https://example.com" }),
    tamperSystem: { handler: (context: FunctionContext) => tamper(context), runAsSystem: true },
    tamper: (context: FunctionContext) => tamper(context),
    countItems: (context: FunctionContext) =>
      context.services.get("mongodb-atlas").db("shop").collection("items").count(),
    addItem: async (context: FunctionContext, name: string) =>
      context.services.get("mongodb-atlas").db("shop").collection("items").insertOne({ name }),
    userAgent: (context: FunctionContext) => context.request?.httpMethod ?? null,
  },
});
serve(mock);

/** What careless function code may do to `context.user`: it must stay local to that call. */
function tamper(context: FunctionContext): void {
  const user = context.user as unknown as {
    data: Record<string, unknown>;
    custom_data: Record<string, unknown>;
    identities: unknown[];
  };
  user.data.tampered = true;
  user.custom_data.tampered = true;
  user.identities.push({ id: "fake" });
  const address = user.data.address as Record<string, unknown> | undefined;
  if (address) address.city = "Nowhere";
}

async function logIn() {
  const app = new Realm.App<Fns>({ id: mock.id, baseUrl: mock.baseUrl });
  return app.logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
}

describe("the three call forms", () => {
  it("calls a function with user.callFunction(name, ...args)", async () => {
    const user = await logIn();
    expect(await user.callFunction("sum", 2, 3.5)).toBe(5.5);
  });

  it("calls a function as a method of user.functions", async () => {
    const user = await logIn();
    expect(await user.functions.sum(40, 2)).toBe(42);
  });

  it("calls a function taken off user.functions as a detached reference", async () => {
    const user = await logIn();
    const sum = user.functions.sum;
    expect(await sum(1, 1)).toBe(2);
  });

  it("answers a function returning nothing with null", async () => {
    const user = await logIn();
    expect(await user.callFunction("nothing")).toBeNull();
  });

  it("answers the Proxy's accidental then/toJSON calls with FunctionNotFound", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("then"));
    expect(error.errorCode).toBe("FunctionNotFound");
    expect(error.error).toBe("function not found: 'then'");
    const toJson = await realmFailure((user.functions as unknown as { toJSON(): Promise<unknown> }).toJSON());
    expect(toJson.error).toBe("function not found: 'toJSON'");
  });
});

describe("EJSON round trips", () => {
  it("hands every BSON type realm-web exposes to the function decoded and returns it re-encoded", async () => {
    const user = await logIn();
    const id = new Realm.BSON.ObjectId("65a000000000000000000002");
    const date = new Date("2026-01-02T03:04:05.678Z");
    const decimal = Realm.BSON.Decimal128.fromString("12345.6789");
    const binary = new Realm.BSON.Binary(Buffer.from([1, 2, 3]));
    const long = Realm.BSON.Long.fromNumber(2 ** 40);
    const nested = { a: [1, { b: [true, null, "x"] }], c: { d: { e: -0.5 } } };
    const text = "héllo wörld ✓ 日本語 🎉";
    const args = [id, date, decimal, binary, long, nested, null, true, false, text, 7, 2.25];
    expect(await user.callFunction("types", ...args)).toEqual([
      "ObjectId",
      "Date",
      "Decimal128",
      "Binary",
      "number",
      "object",
      "null",
      "boolean",
      "boolean",
      "string",
      "number",
      "number",
    ]);
    const back = (await user.functions.echo(...args)) as unknown[];
    expect(back[0]).toBeInstanceOf(Realm.BSON.ObjectId);
    expect((back[0] as InstanceType<typeof Realm.BSON.ObjectId>).toHexString()).toBe(id.toHexString());
    expect(back[1]).toEqual(date);
    expect(back[2]).toBeInstanceOf(Realm.BSON.Decimal128);
    expect(String(back[2])).toBe("12345.6789");
    expect(back[3]).toBeInstanceOf(Realm.BSON.Binary);
    expect([...(back[3] as InstanceType<typeof Realm.BSON.Binary>).buffer]).toEqual([1, 2, 3]);
    expect(back[4]).toBe(2 ** 40);
    expect(back.slice(5)).toEqual([nested, null, true, false, text, 7, 2.25]);
  });

  it("round trips the other BSON types realm-web exposes", async () => {
    const user = await logIn();
    const B = Realm.BSON;
    const args = [
      new B.Timestamp({ t: 5, i: 6 }),
      new B.BSONRegExp("a.c", "i"),
      new B.MinKey(),
      new B.MaxKey(),
      new B.UUID("0e0a1ea8-3d7f-4d31-bb36-7be9b3f3e3b8"),
      new B.Code("function () {}"),
      new B.Int32(5),
      new B.Double(2.5),
      new Date(-1000),
    ];
    const back = (await user.callFunction("echo", ...args)) as unknown[];
    expect(back[0]).toEqual(new B.Timestamp({ t: 5, i: 6 }));
    expect(back[1]).toEqual(new B.BSONRegExp("a.c", "i"));
    expect(back[2]).toBeInstanceOf(B.MinKey);
    expect(back[3]).toBeInstanceOf(B.MaxKey);
    expect(String(back[4])).toBe("0e0a1ea8-3d7f-4d31-bb36-7be9b3f3e3b8");
    expect(back[5]).toEqual(new B.Code("function () {}"));
    expect(back.slice(6)).toEqual([5, 2.5, new Date(-1000)]);
  });

  it("returns an ObjectId from an async function", async () => {
    const user = await logIn();
    const id = await user.callFunction("asyncValue");
    expect(id).toBeInstanceOf(Realm.BSON.ObjectId);
    expect(String(id)).toBe("65a0000000000000000000aa");
  });
});

describe("context", () => {
  it("gives context.user the server-side shape of an email/password user with custom data", async () => {
    const user = await logIn();
    const seen = await user.functions.whoAmI();
    expect(seen).toEqual({
      id: ADA,
      type: "normal",
      data: { email: "ada@example.com" },
      custom_data: { _id: expect.any(Realm.BSON.ObjectId), userId: ADA, favoriteColor: "blue" },
      identities: [{ id: user.identities[0]?.id, provider_type: "local-userpass", data: {} }],
    });
  });

  it("reads values, executes private functions, and runs system functions with the caller as context.user", async () => {
    const user = await logIn();
    expect(await user.callFunction("greet", "Ada")).toBe("bonjour Ada");
    expect(await user.callFunction("value", "limits")).toEqual({ max: 3 });
    expect(await user.callFunction("value", "missing")).toBeNull();
    expect(await user.callFunction("callsSecret")).toBe("from a private function");
    expect(await user.callFunction("systemUser")).toEqual(SYSTEM_CALL_VIEW);
    expect(await user.callFunction("userAgent")).toBe("POST");
    expect(await user.callFunction("environment")).toEqual({ tag: "", values: {} });
    await expect(user.callFunction("http")).rejects.toThrow(/context.http.get is not emulated/);
  });

  it("gives every call its own context.user: what a function changes in it reaches no later call", async () => {
    const user = await logIn();
    await user.callFunction("tamperSystem");
    expect(await user.callFunction("systemUser")).toEqual(SYSTEM_CALL_VIEW);
    const bo = await new Realm.App<Fns>({ id: mock.id, baseUrl: mock.baseUrl }).logIn(
      Realm.Credentials.emailPassword("bo@example.com", "password3"),
    );
    await bo.callFunction("tamper");
    expect(await bo.functions.whoAmI()).toMatchObject({
      data: { email: "bo@example.com", address: { city: "Paris" } },
      identities: [{ provider_type: "local-userpass" }],
    });
    expect(mock.users.get(BO)?.data).toEqual({ email: "bo@example.com", address: { city: "Paris" } });
  });

  it("reads and writes the collections the clients and the test see", async () => {
    const user = await logIn();
    expect(await user.callFunction("countItems")).toBe(1);
    const { insertedId } = (await user.callFunction("addItem", "ink")) as { insertedId: unknown };
    expect(insertedId).toBeInstanceOf(Realm.BSON.ObjectId);
    const items = user.mongoClient("mongodb-atlas").db("shop").collection("items");
    expect(await items.count()).toBe(2);
    expect(
      await mock.service("mongodb-atlas").db("shop").collection("items").findOne({ name: "ink" }),
    ).toEqual({ _id: expect.any(ObjectId), name: "ink" });
    expect(mock.events.list({ type: "mongodb-write" })).toEqual([
      expect.objectContaining({ userId: ADA, namespace: "shop.items", operation: "insertOne", count: 1 }),
    ]);
  });

  it("journals every call with its arguments and outcome", async () => {
    const user = await logIn();
    await user.callFunction("sum", 1, 2);
    await user.callFunction("nope").catch(() => undefined);
    expect(mock.events.list({ type: "function-called" })).toEqual([
      expect.objectContaining({
        userId: ADA,
        name: "sum",
        arguments: [1, 2],
        outcome: { ok: true, result: 3 },
      }),
      expect.objectContaining({
        name: "nope",
        outcome: { ok: false, error: "function not found: 'nope'", errorCode: "FunctionNotFound" },
      }),
    ]);
  });
});
