// The GraphQL API end to end (graphql-request over MSW with a realm-web user's token) against the same read
// through realm-web's MongoDB client, and the cost of generating the API in createMockApp.
// Run: npm run bench -- bench/graphql.bench.ts
import { ObjectId } from "bson";
import { GraphQLClient } from "graphql-request";
import { setupServer } from "msw/node";
import { bench, describe } from "vitest";
import { createMockApp } from "../src/index.js";
import { graphql, schemas } from "../test/support/graphql-app.js";

const COUNT = 10_000;
const tasks = Array.from({ length: COUNT }, (_, i) => ({
  _id: new ObjectId(i.toString(16).padStart(24, "0")),
  name: `task-${i}`,
  status: i % 100 === 7 ? "open" : "done",
  priority: i % 10,
}));
const quiet = { warn: () => undefined };
const mock = createMockApp({
  id: "bench-graphql",
  users: [{ email: "bench@example.com", password: "password1" }],
  data: { "mongodb-atlas": { todo: { tasks } } },
  schemas,
  graphql,
  logger: quiet,
});

// Listen before realm-web is imported: it binds fetch at import time.
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: "error" });
const Realm = await import("realm-web");
const user = await new Realm.App({ id: mock.id, baseUrl: mock.baseUrl }).logIn(
  Realm.Credentials.emailPassword("bench@example.com", "password1"),
);
const collection = user.mongoClient("mongodb-atlas").db("todo").collection("tasks");
const client = new GraphQLClient(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/graphql`, {
  headers: () => ({ authorization: `Bearer ${user.accessToken}` }),
});

describe("find the 100 open tasks of 10,000, sorted", () => {
  bench("graphql-request tasks(query, sortBy) through the kit", async () => {
    await client.request(`{ tasks(query: {status: "open"}, sortBy: PRIORITY_DESC) { _id name priority } }`);
  });
  bench("realm-web find() through the kit", async () => {
    await collection.find({ status: "open" }, { sort: { priority: -1 }, limit: 100 });
  });
});

describe("createMockApp", () => {
  bench("with the example app's schemas and custom resolvers", () => {
    createMockApp({ id: "bench-build", schemas, graphql, logger: quiet }).close();
  });
  bench("without schemas", () => {
    createMockApp({ id: "bench-build-plain" }).close();
  });
});
