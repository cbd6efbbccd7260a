// Functions and the MongoDB service end to end through realm-web and MSW, against their floors: the same query on
// raw mingo, and a static MSW handler that answers every function call with a constant.
// Run: npm run bench -- bench/functions.bench.ts
import { ObjectId } from "bson";
import { Query } from "mingo";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { bench, describe } from "vitest";
import { createMockApp } from "../src/index.js";

const COUNT = 10_000;
const documents = Array.from({ length: COUNT }, (_, i) => ({
  _id: new ObjectId(i.toString(16).padStart(24, "0")),
  n: i,
  group: i % 100,
  name: `item-${i}`,
  nested: { even: i % 2 === 0 },
}));
const query = { group: 7, "nested.even": false };

const mock = createMockApp({
  id: "bench-functions",
  users: [{ email: "bench@example.com", password: "password1" }],
  data: { "mongodb-atlas": { db: { items: documents } } },
  functions: { constant: () => 42 },
});

// A hand-made app that answers location, login, profile and functions/call with constants.
const STATIC = "https://static.test";
const API = `${STATIC}/api/client/v2.0`;
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const token = `${b64({ alg: "HS256" })}.${b64({ sub: "65a000000000000000000001", exp: 4e9, iat: 1 })}.sig`;
const staticHandlers = [
  http.get(`${API}/app/static/location`, () => HttpResponse.json({ hostname: STATIC })),
  http.post(`${API}/app/static/auth/providers/anon-user/login`, () =>
    HttpResponse.json({
      access_token: token,
      refresh_token: token,
      user_id: "65a000000000000000000001",
      device_id: "65a000000000000000000002",
    }),
  ),
  http.get(`${API}/auth/profile`, () =>
    HttpResponse.json({ user_id: "65a000000000000000000001", identities: [], data: {}, type: "normal" }),
  ),
  http.post(`${API}/app/static/functions/call`, () => HttpResponse.json(42)),
];

// Listen before realm-web is imported: it binds fetch at import time.
const server = setupServer(...staticHandlers, ...mock.handlers);
server.listen({ onUnhandledRequest: "error" });
const Realm = await import("realm-web");

const user = await new Realm.App({ id: mock.id, baseUrl: mock.baseUrl }).logIn(
  Realm.Credentials.emailPassword("bench@example.com", "password1"),
);
const items = user.mongoClient("mongodb-atlas").db("db").collection("items");
const staticUser = await new Realm.App({ id: "static", baseUrl: STATIC }).logIn(
  Realm.Credentials.anonymous(),
);

describe("find over 10,000 documents (50 matches)", () => {
  bench("realm-web find() through the kit", async () => {
    await items.find(query);
  });
  bench("mingo find on an array", () => {
    new Query(query).find(documents).all();
  });
});

describe("callFunction returning a constant", () => {
  bench("realm-web callFunction through the kit", async () => {
    await user.callFunction("constant");
  });
  bench("realm-web callFunction against a static MSW handler", async () => {
    await staticUser.callFunction("constant");
  });
});
