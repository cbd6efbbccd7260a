import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { serve } from "../support/realm.js";
import { CY, collectionFor, MATRIX_RULES } from "../support/rules-app.js";

// Cy's custom data tries to become admin through its prototype.
const mock = createMockApp({
  id: "rules-prototype-app",
  customUserData: { database: "app", collection: "custom", userIdField: "userId" },
  users: [
    {
      id: CY,
      email: "cy@example.com",
      password: "password3",
      customData: JSON.parse('{ "__proto__": { "isAdmin": true }, "constructor": { "isAdmin": true } }'),
    },
  ],
  data: { "mongodb-atlas": { shop: { orders: [{ _id: 2, owner_id: CY, status: "open", secret: "s2" }] } } },
  rules: MATRIX_RULES,
  services: ["mongodb-atlas", "secondary"],
});
serve(mock);

const clean = () => {
  const probe = {} as Record<string, unknown>;
  expect(probe.isAdmin).toBeUndefined();
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
};

describe("rules and prototype pollution", () => {
  it("custom data cannot grant a role through __proto__ or constructor", async () => {
    const orders = await collectionFor(mock, "cy", "orders");
    expect(await orders.find()).toEqual([{ _id: 2, owner_id: CY, status: "open" }]);
    clean();
  });

  it("documents with __proto__ and constructor fields go through the read and write decisions harmlessly", async () => {
    const orders = await collectionFor(mock, "cy", "orders");
    const hostile = JSON.parse(
      `{ "_id": 3, "owner_id": "${CY}", "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } } }`,
    );
    await orders.insertOne(hostile).catch(() => undefined);
    await orders
      .updateOne({ _id: 2 }, { $set: { "constructor.prototype.polluted": true } })
      .catch(() => undefined);
    const docs = await orders.find({}, { sort: { _id: 1 } });
    expect(docs.map((doc) => doc._id)).toContain(2);
    for (const doc of docs) expect(doc).not.toHaveProperty("secret");
    clean();
  });
});
