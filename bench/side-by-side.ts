// The kit against its floor, interleaved in one process: every round runs each variant of a scenario once (a batch
// of calls), in an order flipped each round, with only that variant's MSW handlers installed. Per variant: the
// median and p95 of all calls; per scenario: the median of the per-round ratios kit/floor and their spread.
// `npm run bench` runs it at full size (scripts/bench.mjs); test/unit/bench runs it tiny so it never rots.
import { EJSON, ObjectId } from "bson";
import { Query } from "mingo";
import { HttpResponse, http, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { createMockApp, type MockApp } from "../src/index.js";
import { listenGuarded } from "../src/testing/listen.js";
import { rulesScenarios, scalingScenarios } from "./scaling.js";

export interface BenchOptions {
  /** Collection sizes of the MongoDB scenarios. */
  sizes: readonly number[];
  /** Measured rounds (one warm-up round more is run and dropped). */
  rounds: number;
  /** Calls per variant per round. */
  batch: number;
  /** Only the scenarios whose name contains one of these (all when absent or empty). */
  only?: readonly string[];
}

export interface VariantResult {
  name: string;
  /** Milliseconds per call. */
  median: number;
  p95: number;
  samples: number;
}

export interface ScenarioResult {
  name: string;
  kit: VariantResult;
  floor: VariantResult;
  /** kit / floor: the median of the per-round ratios of medians, and their least and greatest. */
  ratio: { median: number; min: number; max: number };
}

export interface Variant {
  handlers: RequestHandler[];
  run(): Promise<unknown>;
}

export interface Scenario {
  name: string;
  kit: Variant;
  floor: Variant;
  /** At most this many calls per variant per round (slow scenarios). */
  batch?: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const sortNum = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]): number => quantile(sortNum(values), 0.5);

const STATIC = "https://floor.test";
const API = `${STATIC}/api/client/v2.0`;
const USER_ID = "65a000000000000000000001";
const b64 = (value: object) => btoa(JSON.stringify(value)).replaceAll("=", "");
const TOKEN = `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ sub: USER_ID, exp: 4e9, iat: 1 })}.sig`;
/** The login and profile replies a floor answers with. */
interface FloorReplies {
  login: { access_token: string; refresh_token: string; user_id: string; device_id: string };
  profile: Record<string, unknown>;
}
const REPLIES: FloorReplies = {
  login: { access_token: TOKEN, refresh_token: TOKEN, user_id: USER_ID, device_id: USER_ID },
  profile: { user_id: USER_ID, identities: [], data: { email: "floor@example.com" }, type: "normal" },
};

/**
 * The kit's own login and profile replies for a user, replayed by the auth floor: realm-web decodes and stores the
 * tokens it gets, so a floor with shorter tokens than a real server's would do less client work than it.
 */
async function recordedReplies(mock: MockApp, user: { accessToken: string | null }): Promise<FloorReplies> {
  const response = await mock.handle(
    new Request(`${mock.baseUrl}/api/client/v2.0/auth/profile`, {
      headers: { authorization: `Bearer ${user.accessToken}` },
    }),
  );
  const profile = (await response?.json()) as Record<string, unknown>;
  const body = JSON.stringify({ username: "bench@example.com", password: "password1" });
  const login = await mock.handle(
    new Request(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/auth/providers/local-userpass/login`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    }),
  );
  return { login: (await login?.json()) as FloorReplies["login"], profile };
}

/** A hand-made app: constant location, login and profile; `call` answers functions/call from the request body. */
function floorHandlers(
  appId: string,
  call: (body: { name: string; arguments: unknown[] }) => unknown,
  replies: FloorReplies = REPLIES,
) {
  const { login: LOGIN, profile: PROFILE } = replies;
  return [
    http.get(`${API}/app/${appId}/location`, () => HttpResponse.json({ hostname: STATIC })),
    // A new user per anonymous login, as the server makes one: a constant id would let realm-web find the user it
    // stored for an earlier App and skip the work a real login does.
    http.post(`${API}/app/${appId}/auth/providers/:provider/login`, ({ params }) =>
      HttpResponse.json(
        params.provider === "anon-user" ? { ...LOGIN, user_id: new ObjectId().toHexString() } : LOGIN,
      ),
    ),
    http.get(`${API}/auth/profile`, () => HttpResponse.json(PROFILE)),
    http.post(`${API}/app/${appId}/functions/call`, async ({ request }) => {
      // Relaxed, as the kit decodes: canonical decoding makes numbers Int32 objects, which mingo matches with
      // nothing (the floor's `find` answered [] and did none of the work of a real answer).
      const body = EJSON.parse(await request.text(), { relaxed: true }) as {
        name: string;
        arguments: unknown[];
      };
      return new HttpResponse(EJSON.stringify(call(body), { relaxed: true }), {
        headers: { "content-type": "application/json" },
      });
    }),
  ];
}

function documents(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    _id: new ObjectId(i.toString(16).padStart(24, "0")),
    n: i,
    group: i % 100,
    name: `item-${i}`,
    nested: { even: i % 2 === 0 },
  }));
}

type RealmModule = typeof import("realm-web");

async function logIn(Realm: RealmModule, id: string, baseUrl: string) {
  const app = new Realm.App({ id, baseUrl });
  return app.logIn(Realm.Credentials.emailPassword("bench@example.com", "password1"));
}

/** Runs the scenarios and returns one result per scenario (and collection size). */
export async function runBench(options: BenchOptions): Promise<ScenarioResult[]> {
  const server = setupServer();
  // Listen before realm-web is imported: it binds fetch at import time.
  listenGuarded(server, "error");
  try {
    const Realm = await import("realm-web");
    const scenarios: Scenario[] = [];
    const functionsMock = createMockApp({
      id: "bench-calls",
      users: [{ email: "bench@example.com", password: "password1" }],
      functions: { echo: (_context, value: unknown) => value },
    });
    const kitUser = await withHandlers(server, functionsMock.handlers, () =>
      logIn(Realm, functionsMock.id, functionsMock.baseUrl),
    );
    const floor = floorHandlers(
      "floor-calls",
      (body) => body.arguments[0],
      await recordedReplies(functionsMock, kitUser),
    );
    const floorUser = await withHandlers(server, floor, () => logIn(Realm, "floor-calls", STATIC));
    const kitApp = new Realm.App({ id: functionsMock.id, baseUrl: functionsMock.baseUrl });
    const floorApp = new Realm.App({ id: "floor-calls", baseUrl: STATIC });
    const email = () => Realm.Credentials.emailPassword("bench@example.com", "password1");
    // Each App starts from the users the earlier ones stored (realm-web keeps them in one process-wide storage):
    // clear them after the login, so that what is measured stays one login and not the client's growing list.
    const freshLogIn = async (app: InstanceType<RealmModule["App"]>) => {
      const user = await app.logIn(Realm.Credentials.anonymous(false));
      app.storage.clear();
      return user;
    };
    scenarios.push(
      {
        name: 'user.callFunction("echo", 1)',
        kit: { handlers: functionsMock.handlers, run: () => kitUser.callFunction("echo", 1) },
        floor: { handlers: floor, run: () => floorUser.callFunction("echo", 1) },
      },
      {
        name: "email login on a warm App (login + profile)",
        kit: { handlers: functionsMock.handlers, run: () => kitApp.logIn(email()) },
        floor: { handlers: floor, run: () => floorApp.logIn(email()) },
      },
      {
        // `anonymous(false)`: with reuse, realm-web answers from the anonymous user an earlier App stored (one
        // profile request, no login), which measured the client's storage rather than a login.
        name: "new App + anonymous login",
        kit: {
          handlers: functionsMock.handlers,
          run: () => freshLogIn(new Realm.App({ id: functionsMock.id, baseUrl: functionsMock.baseUrl })),
        },
        floor: {
          handlers: floor,
          run: () => freshLogIn(new Realm.App({ id: "floor-calls", baseUrl: STATIC })),
        },
      },
    );
    for (const size of options.sizes) {
      scenarios.push(...(await mongoScenarios(server, Realm, size)));
    }
    for (const size of options.sizes) scenarios.push(seedScenario(size));
    const small = await customDataUser(server, Realm, 10);
    for (const size of options.sizes) {
      const large = await customDataUser(server, Realm, size);
      scenarios.push({
        name: `write own custom data + refreshCustomData(), ${size.toLocaleString("en-US")} profiles (floor: 10 profiles)`,
        kit: large,
        floor: small,
      });
    }
    scenarios.push(...(await scalingScenarios(server, Realm, options.sizes)));
    scenarios.push(...(await rulesScenarios(server, Realm, options.sizes)));
    const only = options.only?.filter(Boolean) ?? [];
    const chosen = scenarios.filter((s) => only.length === 0 || only.some((part) => s.name.includes(part)));
    const results: ScenarioResult[] = [];
    for (const scenario of chosen) results.push(await measure(server, scenario, options));
    // Sessions pile up in the kit over the login rounds; reset keeps memory flat between scenarios.
    functionsMock.reset();
    return results;
  } finally {
    server.close();
  }
}

async function withHandlers<T>(
  server: ReturnType<typeof setupServer>,
  handlers: RequestHandler[],
  run: () => Promise<T>,
): Promise<T> {
  server.resetHandlers(...handlers);
  return run();
}

/** A user of an app with `profiles` custom data documents, writing its own and refreshing it. */
async function customDataUser(
  server: ReturnType<typeof setupServer>,
  Realm: RealmModule,
  profiles: number,
): Promise<Variant> {
  const mock = createMockApp({
    id: `bench-profiles-${profiles}`,
    customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
    users: [{ id: USER_ID, email: "bench@example.com", password: "password1", customData: { n: 0 } }],
    data: {
      "mongodb-atlas": {
        app: {
          profiles: Array.from({ length: profiles - 1 }, (_, i) => ({ userId: `other-${i}`, n: i })),
        },
      },
    },
  });
  const user = await withHandlers(server, mock.handlers, () => logIn(Realm, mock.id, mock.baseUrl));
  const own = user.mongoClient("mongodb-atlas").db("app").collection("profiles");
  // By `_id`, so that the write itself is flat and what grows is the custom data lookup.
  const id = (await withHandlers(server, mock.handlers, () => own.findOne({ userId: USER_ID })))?._id;
  return {
    handlers: mock.handlers,
    run: async () => {
      await own.updateOne({ _id: id }, { $inc: { n: 1 } });
      await user.refreshCustomData();
    },
  };
}

/**
 * Seeding `size / 10` users and `size` documents into a new app, against copying the same seed into plain arrays
 * (the least any store must do). Neither variant sends a request.
 */
function seedScenario(size: number): Scenario {
  const users = Array.from({ length: Math.max(1, size / 10) }, (_, i) => ({
    email: `seed-${i}@example.com`,
    password: "password1",
  }));
  const items = Array.from({ length: size }, (_, i) => ({ n: i, group: i % 100, name: `item-${i}` }));
  let app = 0;
  return {
    name: `seed ${size.toLocaleString("en-US")} documents + ${users.length.toLocaleString("en-US")} user${users.length === 1 ? "" : "s"} (floor: copied into arrays)`,
    batch: 3,
    kit: {
      handlers: [],
      run: async () =>
        createMockApp({
          id: `bench-seed-${size}-${app++}`,
          users,
          data: { "mongodb-atlas": { db: { items } } },
        }),
    },
    floor: {
      handlers: [],
      run: async () => [users.map((user) => ({ ...user })), items.map((doc) => ({ ...doc }))],
    },
  };
}

async function mongoScenarios(
  server: ReturnType<typeof setupServer>,
  Realm: RealmModule,
  size: number,
): Promise<Scenario[]> {
  const docs = documents(size);
  const target = docs[Math.floor(size / 2)] ?? docs[0];
  const mock: MockApp = createMockApp({
    id: `bench-mongo-${size}`,
    users: [{ email: "bench@example.com", password: "password1" }],
    data: { "mongodb-atlas": { db: { items: docs } } },
  });
  const appId = `floor-mongo-${size}`;
  const floor = floorHandlers(appId, (body) => {
    const [arg] = body.arguments as [{ query?: Record<string, unknown> }];
    switch (body.name) {
      case "find":
        // The floor of a query: EJSON decode (above), mingo, EJSON encode (below).
        return new Query(arg.query ?? {}, { idKey: "_id" }).find(docs).all();
      case "findOne":
        return target;
      case "updateOne":
        return { matchedCount: 1, modifiedCount: 1 };
      case "count":
        return size;
      default:
        throw new Error(`floor: unexpected ${body.name}`);
    }
  });
  const kitUser = await withHandlers(server, mock.handlers, () => logIn(Realm, mock.id, mock.baseUrl));
  const floorUser = await withHandlers(server, floor, () => logIn(Realm, appId, STATIC));
  const kitItems = kitUser.mongoClient("mongodb-atlas").db("db").collection("items");
  const floorItems = floorUser.mongoClient("mongodb-atlas").db("db").collection("items");
  const id = target?._id;
  const label = size.toLocaleString("en-US");
  const both = (name: string, call: (items: typeof kitItems) => Promise<unknown>): Scenario => ({
    name: `${name} in ${label} documents`,
    kit: { handlers: mock.handlers, run: () => call(kitItems) },
    floor: { handlers: floor, run: () => call(floorItems) },
  });
  // The floor must answer what the kit answers, or the ratio compares different work.
  const query = { group: 7, "nested.even": false };
  const [kitFound, floorFound] = [
    await withHandlers(server, mock.handlers, () => kitItems.find(query)),
    await withHandlers(server, floor, () => floorItems.find(query)),
  ];
  if (
    kitFound.length !== floorFound.length ||
    kitFound.length !== docs.filter((d) => d.group === 7 && !d.nested.even).length
  ) {
    throw new Error(
      `bench: find found ${kitFound.length} documents in the kit and ${floorFound.length} in the floor`,
    );
  }
  return [
    both("find (1% match)", (items) => items.find(query)),
    both("findOne({ _id })", (items) => items.findOne({ _id: id })),
    both("updateOne({ _id }, { $inc })", (items) => items.updateOne({ _id: id }, { $inc: { n: 1 } })),
    both("count({})", (items) => items.count({})),
  ];
}

async function measure(
  server: ReturnType<typeof setupServer>,
  scenario: Scenario,
  options: BenchOptions,
): Promise<ScenarioResult> {
  const samples = { kit: [] as number[], floor: [] as number[] };
  const ratios: number[] = [];
  for (let round = 0; round <= options.rounds; round++) {
    const order = round % 2 === 0 ? (["kit", "floor"] as const) : (["floor", "kit"] as const);
    const roundMedians = { kit: 0, floor: 0 };
    for (const which of order) {
      const variant = scenario[which];
      server.resetHandlers(...variant.handlers);
      const times: number[] = [];
      for (let i = 0; i < Math.min(options.batch, scenario.batch ?? options.batch); i++) {
        const start = performance.now();
        await variant.run();
        times.push(performance.now() - start);
      }
      roundMedians[which] = median(times);
      // Round 0 warms up and is dropped.
      if (round > 0) samples[which].push(...times);
    }
    if (round > 0) ratios.push(roundMedians.kit / roundMedians.floor);
  }
  const summary = (name: string, values: number[]): VariantResult => {
    const sorted = sortNum(values);
    return { name, median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), samples: sorted.length };
  };
  const sortedRatios = sortNum(ratios);
  return {
    name: scenario.name,
    kit: summary("kit", samples.kit),
    floor: summary("floor", samples.floor),
    ratio: {
      median: quantile(sortedRatios, 0.5),
      min: sortedRatios[0] ?? Number.NaN,
      max: sortedRatios[sortedRatios.length - 1] ?? Number.NaN,
    },
  };
}
