import { createMockApp } from "app-services-mock";
import { createRealmApp, useMockApp } from "app-services-mock/vitest";
import { GraphQLClient, gql } from "graphql-request";
import * as Realm from "realm-web";
import { expect, it } from "vitest";

const mock = createMockApp({
  users: [{ email: "ada@example.com", password: "pw-123456" }],
  schemas: [
    {
      service: "mongodb-atlas",
      database: "todo",
      collection: "tasks",
      schema: {
        title: "Task",
        required: ["name"],
        properties: {
          _id: { bsonType: "objectId" },
          name: { bsonType: "string" },
          priority: { bsonType: "int" },
        },
      },
    },
  ],
  data: {
    "mongodb-atlas": {
      todo: {
        tasks: [
          { name: "Write spec", priority: 3 },
          { name: "Fix bug", priority: 5 },
        ],
      },
    },
  },
});
useMockApp(mock);

it("queries the generated GraphQL API with the user's access token", async () => {
  const app = createRealmApp(Realm.App, mock);
  const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456"));
  const client = new GraphQLClient(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/graphql`, {
    headers: () => ({ authorization: `Bearer ${user.accessToken}` }),
  });

  await client.request(gql`mutation { insertOneTask(data: { name: "Ship", priority: 1 }) { _id } }`);
  const { tasks } = await client.request<{ tasks: { name: string }[] }>(
    gql`query Urgent($min: Int) { tasks(query: { priority_gte: $min }, sortBy: PRIORITY_DESC) { name } }`,
    { min: 2 },
  );

  expect(tasks).toEqual([{ name: "Fix bug" }, { name: "Write spec" }]);
  expect(mock).toHaveEmitted("graphql-executed", { operationName: "Urgent", userId: user.id });
});
