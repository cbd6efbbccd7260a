import { expect, it } from "vitest";
import { createMockApp } from "../../../src/index.js";
import { mingoIfLoaded } from "../../../src/mongodb/mingo.js";

// Deliberately not importing ./support.js (it loads mingo for the tests of the synchronous core).
it("loads mingo on the first MongoDB call, not with the kit, and answers that call in full", async () => {
  const mock = createMockApp({
    id: "lazy-mingo",
    users: [{ email: "a@example.com", password: "password1" }],
    data: {
      "mongodb-atlas": {
        db: {
          items: [
            { _id: 1, n: 1 },
            { _id: 2, n: 2 },
          ],
        },
      },
    },
  });
  expect(mock.users.list()).toHaveLength(1);
  expect(mingoIfLoaded()).toBeUndefined();
  const items = mock.service("mongodb-atlas").db("db").collection("items");
  const found = items.find({ n: { $gt: 1 } });
  expect(mingoIfLoaded()).toBeUndefined();
  expect(await found).toEqual([{ _id: 2, n: 2 }]);
  expect(mingoIfLoaded()).toBeDefined();
  expect(await items.updateOne({ _id: 1 }, { $inc: { n: 5 } })).toEqual({
    matchedCount: 1,
    modifiedCount: 1,
  });
  expect(await items.findOne({ _id: 1 })).toEqual({ _id: 1, n: 6 });
});
