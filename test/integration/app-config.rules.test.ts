// The shipped app's own rules and GraphQL schema, as loaded by loadAppConfig, through realm-web and a GraphQL
// client: the three forms of the app (directory, legacy layout, single JSON) enforce the same rules.

import { loadAppConfig } from "app-services-mock/node";
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, printSchema } from "graphql";
import { GraphQLClient } from "graphql-request";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type MockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const BO = "65a000000000000000000002";
const quiet = { warn: () => undefined, log: () => undefined };
const seed = {
  users: [
    { id: ADA, email: "ada@tracker.example", password: "password1" },
    { id: BO, email: "bo@tracker.example", password: "password2" },
  ],
  data: {
    "mongodb-atlas": {
      tracker: {
        tasks: [
          { _id: 1, owner_id: ADA, title: "Ada's own", done: false, shared_with: [BO] },
          { _id: 2, owner_id: ADA, title: "Ada's secret", done: false, shared_with: [] },
          { _id: 3, owner_id: BO, title: "Bo's", done: true, shared_with: [] },
        ],
        profiles: [
          { _id: 1, user_id: ADA, display_name: "Ada", role: "member", internal_notes: "vip" },
          { _id: 2, user_id: BO, display_name: "Bo", role: "member", internal_notes: "new" },
        ],
        audit: [{ _id: 1, action: "seeded" }],
      },
    },
  },
};

const forms = [
  "fixtures/apps/task-tracker",
  "fixtures/apps/task-tracker-legacy",
  "fixtures/apps/task-tracker.json",
];
const mocks: Record<string, MockApp> = {};
for (const [index, source] of forms.entries()) {
  const options = await loadAppConfig(source, { secrets: { weatherApiKeySecret: "k" }, logger: quiet });
  mocks[source] = createMockApp({ ...options, ...seed, id: `tracker-rules-${index}`, logger: quiet });
}
serve(...Object.values(mocks));

async function logIn(mock: MockApp, email: string, password: string) {
  return realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));
}

describe.each(forms)("the rules of %s", (source) => {
  const mock = mocks[source] as MockApp;
  const tracker = async (email: string, password: string) =>
    (await logIn(mock, email, password)).mongoClient("mongodb-atlas").db("tracker");

  it("tasks: owners see and change their own, a shared task is read-only, others are invisible", async () => {
    const bo = await tracker("bo@tracker.example", "password2");
    const tasks = bo.collection("tasks");
    expect((await tasks.find({}, { sort: { _id: 1 } })).map((t) => t.title)).toEqual(["Ada's own", "Bo's"]);
    expect(await tasks.count({ owner_id: ADA })).toBe(1);
    expect((await realmFailure(tasks.updateOne({ _id: 1 }, { $set: { done: true } }))).error).toBe(
      "update not permitted",
    );
    expect(
      (await realmFailure(tasks.insertOne({ _id: 9, owner_id: ADA, title: "x", done: false }))).error,
    ).toBe("insert not permitted");
    expect(await tasks.updateOne({ _id: 3 }, { $set: { done: false } })).toMatchObject({ modifiedCount: 1 });
    const all = await mock.service("mongodb-atlas").db("tracker").collection("tasks").find({});
    expect(all.find((t) => t._id === 1)).toMatchObject({ done: false });
  });

  it("profiles: the hidden field never leaves, the read-only field cannot be written, others show two fields", async () => {
    const ada = await tracker("ada@tracker.example", "password1");
    const profiles = ada.collection("profiles");
    expect(await profiles.find({}, { sort: { _id: 1 } })).toEqual([
      { _id: 1, user_id: ADA, display_name: "Ada", role: "member" },
      { _id: 2, user_id: BO, display_name: "Bo" },
    ]);
    expect((await realmFailure(profiles.updateOne({ _id: 1 }, { $set: { role: "admin" } }))).error).toBe(
      "update not permitted",
    );
    expect(await profiles.updateOne({ _id: 1 }, { $set: { display_name: "Ada L." } })).toMatchObject({
      modifiedCount: 1,
    });
  });

  it("audit: a client reads nothing and writes nothing there", async () => {
    const ada = await tracker("ada@tracker.example", "password1");
    const audit = ada.collection("audit");
    expect(await audit.find({})).toEqual([]);
    expect((await realmFailure(audit.insertOne({ action: "forged" }))).error).toBe("insert not permitted");
    expect(await mock.service("mongodb-atlas").db("tracker").collection("audit").count()).toBe(1);
  });
});

describe("the GraphQL API of the shipped app", () => {
  const mock = mocks["fixtures/apps/task-tracker"] as MockApp;

  it("generates the schema below from the app's schema.json, relationships.json and graphql/ files", async () => {
    const user = await logIn(mock, "ada@tracker.example", "password1");
    const client = new GraphQLClient(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/graphql`, {
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    const introspection = await client.request<IntrospectionQuery>(getIntrospectionQuery());
    await expect(`${printSchema(buildClientSchema(introspection))}\n`).toMatchFileSnapshot(
      "./__snapshots__/task-tracker.graphql",
    );
  });

  it("answers as the rules allow: another user's tasks are left out, the hidden field is null", async () => {
    const bo = await logIn(mock, "bo@tracker.example", "password2");
    const client = new GraphQLClient(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/graphql`, {
      headers: { authorization: `Bearer ${bo.accessToken}` },
    });
    const reply = await client.request<{ tasks: { title: string }[]; profiles: Record<string, unknown>[] }>(
      "{ tasks(sortBy: _ID_ASC) { title } profiles(sortBy: _ID_ASC) { user_id display_name } }",
    );
    expect(reply.tasks.map((t) => t.title)).toEqual(["Ada's own", "Bo's"]);
    expect(reply.profiles).toEqual([
      { user_id: ADA, display_name: "Ada" },
      { user_id: BO, display_name: "Bo" },
    ]);
  });
});
