import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const ADA = "65f000000000000000000001";
const BO = "65f000000000000000000002";

const mock = createMockApp({
  users: [
    { id: ADA, email: "ada@example.com", password: "pw-123456" },
    { id: BO, email: "bo@example.com", password: "pw-123456" },
  ],
  data: {
    "mongodb-atlas": {
      app: {
        todos: [
          { _id: 1, owner_id: ADA, text: "Ada's", internal: "x" },
          { _id: 2, owner_id: BO, text: "Bo's", internal: "y" },
        ],
      },
    },
  },
  // The shape of the exported app's data_sources/<service>/ rules files.
  rules: {
    "mongodb-atlas": {
      collections: [
        {
          database: "app",
          collection: "todos",
          roles: [
            {
              name: "owner",
              apply_when: { owner_id: "%%user.id" },
              fields: { internal: { read: false, write: false } },
              additional_fields: { read: true, write: true },
            },
          ],
        },
      ],
    },
  },
});
useMockApp(mock);

it("shows each user their own todos, without the hidden field, and refuses forbidden writes", async () => {
  const app = createRealmApp(Realm.App, mock);
  const bo = await app.logIn(Realm.Credentials.emailPassword("bo@example.com", "pw-123456"));
  const todos = bo.mongoClient("mongodb-atlas").db("app").collection("todos");

  expect(await todos.find()).toEqual([{ _id: 2, owner_id: BO, text: "Bo's" }]);
  await expect(todos.insertOne({ _id: 3, owner_id: ADA, text: "for Ada" })).rejects.toThrow(
    "insert not permitted",
  );
  await expect(todos.updateOne({ _id: 2 }, { $set: { internal: "z" } })).rejects.toThrow(
    "update not permitted",
  );

  // The test-side handle (like system functions) bypasses rules.
  expect(await mock.service("mongodb-atlas").db("app").collection("todos").count()).toBe(2);
});
