// Scenarios that compare the kit with itself at a small size: what a call costs as sessions, users and journal
// events pile up. The "floor" of each is the same call against an app holding 10 of them; a flat cost reads ~1×.
// Sessions and events are put straight into the state (as logins and calls would), so that building 100,000 of
// them takes a second and not minutes.
import type { setupServer } from "msw/node";
import { createMockApp, runtimeOf } from "../src/create-mock-app.js";
import type { MockApp } from "../src/index.js";
import { putSession } from "../src/state/sessions.js";
import type { Scenario, Variant } from "./side-by-side.js";

type RealmModule = typeof import("realm-web");
type Server = ReturnType<typeof setupServer>;

const SMALL = 10;
const PASSWORD = "password1";
const userId = (i: number) => `65a0${i.toString(16).padStart(20, "0")}`;
const label = (n: number) => n.toLocaleString("en-US");

function runtimeFor(mock: MockApp) {
  const runtime = runtimeOf(mock);
  if (!runtime) throw new Error("bench: no runtime for the mock app");
  return runtime;
}

/** An app with `userCount` users, `sessions` sessions of its first 10 users, and `events` journal events. */
function pileUp(id: string, userCount: number, sessions: number, events: number): MockApp {
  const users = Array.from({ length: userCount }, (_, i) => ({
    id: userId(i + 1),
    email: `u${i}@example.com`,
    password: PASSWORD,
  }));
  const mock = createMockApp({ id, users, functions: { echo: (_context, value: unknown) => value } });
  const runtime = runtimeFor(mock);
  runtime.update((state) => {
    let all = state.sessions;
    for (let i = 0; i < sessions; i++) {
      const owner = userId((i % SMALL) + 1);
      all = putSession(all, {
        id: `pile-${i}`,
        userId: owner,
        deviceId: "000000000000000000000000",
        providerType: "local-userpass",
        createdAt: 0,
        expiresAt: 4e12,
      });
    }
    return { ...state, sessions: all };
  });
  for (let i = 0; i < events; i++) runtime.emit({ type: "sessions-revoked", userId: userId(1), count: 0 });
  return mock;
}

const sync =
  (run: () => unknown): Variant["run"] =>
  async () =>
    run();

/** The scaling scenarios at each size (sizes below 10 are skipped). */
export async function scalingScenarios(
  server: Server,
  Realm: RealmModule,
  sizes: readonly number[],
): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const small = pileUp("bench-pile-small", SMALL, SMALL, SMALL);
  const smallUser = await logIn(server, Realm, small);
  for (const size of sizes.filter((n) => n > SMALL)) {
    const large = pileUp(`bench-pile-${size}`, SMALL, size, size);
    const largeUser = await logIn(server, Realm, large);
    const crowd = pileUp(`bench-crowd-${size}`, size, SMALL, SMALL);
    const crowdApp = new Realm.App({ id: crowd.id, baseUrl: crowd.baseUrl });
    const smallApp = new Realm.App({ id: small.id, baseUrl: small.baseUrl });
    const email = () => Realm.Credentials.emailPassword("u0@example.com", PASSWORD);
    const target = userId(1);
    scenarios.push(
      {
        name: `mock.users.get(id), ${label(size)} sessions (floor: ${SMALL})`,
        kit: { handlers: large.handlers, run: sync(() => large.users.get(target)) },
        floor: { handlers: small.handlers, run: sync(() => small.users.get(target)) },
      },
      {
        name: `mock.users.list() of ${SMALL} users, ${label(size)} sessions (floor: ${SMALL})`,
        kit: { handlers: large.handlers, run: sync(() => large.users.list()) },
        floor: { handlers: small.handlers, run: sync(() => small.users.list()) },
      },
      {
        name: `callFunction with ${label(size)} sessions and journal events (floor: ${SMALL})`,
        kit: { handlers: large.handlers, run: () => largeUser.callFunction("echo", 1) },
        floor: { handlers: small.handlers, run: () => smallUser.callFunction("echo", 1) },
      },
      {
        name: `email login with ${label(size)} users (floor: ${SMALL})`,
        kit: { handlers: crowd.handlers, run: () => crowdApp.logIn(email()) },
        floor: { handlers: small.handlers, run: () => smallApp.logIn(email()) },
      },
    );
  }
  return scenarios;
}

async function logIn(server: Server, Realm: RealmModule, mock: MockApp) {
  server.resetHandlers(...mock.handlers);
  const app = new Realm.App({ id: mock.id, baseUrl: mock.baseUrl });
  return app.logIn(Realm.Credentials.emailPassword("u0@example.com", PASSWORD));
}

/** What collection rules add to a query: the same find through an app with rules and through one without. */
export async function rulesScenarios(
  server: Server,
  Realm: RealmModule,
  sizes: readonly number[],
): Promise<Scenario[]> {
  const scenarios: Scenario[] = [];
  const owner = userId(1);
  for (const size of sizes) {
    const items = Array.from({ length: size }, (_, i) => ({
      owner_id: i % 10 === 0 ? owner : `other-${i % 10}`,
      n: i,
      secret: `s${i}`,
    }));
    const app = (id: string, withRules: boolean) =>
      createMockApp({
        id,
        users: [{ id: owner, email: "u0@example.com", password: PASSWORD }],
        data: { "mongodb-atlas": { db: { items } } },
        ...(withRules
          ? {
              rules: {
                "mongodb-atlas": {
                  collections: [
                    {
                      database: "db",
                      collection: "items",
                      roles: [
                        {
                          name: "owner",
                          apply_when: { owner_id: "%%user.id" },
                          fields: { secret: { read: false } },
                          additional_fields: { read: true },
                        },
                      ],
                    },
                  ],
                },
              },
            }
          : {}),
      });
    const ruled = app(`bench-rules-${size}`, true);
    const open = app(`bench-open-${size}`, false);
    const collection = async (mock: MockApp) =>
      (await logIn(server, Realm, mock)).mongoClient("mongodb-atlas").db("db").collection("items");
    const [ruledItems, openItems] = [await collection(ruled), await collection(open)];
    scenarios.push({
      name: `find({}) under an owner role with a hidden field, ${label(size)} documents (floor: no rules, find({ owner_id }))`,
      kit: { handlers: ruled.handlers, run: () => ruledItems.find({}) },
      floor: { handlers: open.handlers, run: () => openItems.find({ owner_id: owner }) },
    });
  }
  return scenarios;
}
