// The emulated backend of the example: seed users, custom user data, and the one server function.
import { createMockApp } from "app-services-mock";
import { createFixtures } from "app-services-mock/fixtures";

const fixtures = createFixtures(42);

export const alice = fixtures.buildUser({ email: "alice@example.com" });

export const backend = createMockApp({
  id: "todo-app",
  users: [alice, ...fixtures.buildUsers(3)],
  customUserData: { database: "todo", collection: "preferences", userIdField: "userId" },
  data: {
    "mongodb-atlas": {
      todo: { items: [{ owner: alice.id, text: "water the plants", done: false }] },
    },
  },
  functions: {
    todoSummary: async (context) => {
      const items = context.services.get("mongodb-atlas").db("todo").collection("items");
      const owner = context.user.id;
      return {
        open: await items.count({ owner, done: false }),
        done: await items.count({ owner, done: true }),
      };
    },
  },
});
