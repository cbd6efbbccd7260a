import { type ClientError, GraphQLClient } from "graphql-request";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";

const ADA = "65a000000000000000000001";
const mock = createMockApp({
  id: "graphql-rules",
  users: [{ id: ADA, email: "ada@example.com", password: "password1" }],
  schemas: [
    {
      service: "mongodb-atlas",
      database: "shop",
      collection: "orders",
      schema: {
        title: "Order",
        required: ["item"],
        properties: {
          _id: { bsonType: "int" },
          item: { bsonType: "string" },
          owner_id: { bsonType: "string" },
          secret: { bsonType: "string" },
        },
      },
    },
  ],
  rules: {
    "mongodb-atlas": {
      collections: [
        {
          database: "shop",
          collection: "orders",
          roles: [
            {
              name: "owner",
              apply_when: { owner_id: "%%user.id" },
              insert: false,
              delete: false,
              fields: { secret: { read: false, write: false }, item: { read: true, write: true } },
              additional_fields: { read: true, write: false },
            },
          ],
        },
      ],
    },
  },
  data: {
    "mongodb-atlas": {
      shop: {
        orders: [
          { _id: 1, item: "pen", owner_id: ADA, secret: "s1" },
          { _id: 2, item: "ink", owner_id: "someone-else", secret: "s2" },
        ],
      },
    },
  },
});
serve(mock);

async function client() {
  const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return new GraphQLClient(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/graphql`, {
    headers: () => ({ authorization: `Bearer ${user.accessToken}` }),
  });
}

describe("rules", () => {
  it("leaves out documents the role may not read and answers hidden fields with null", async () => {
    const c = await client();
    expect(await c.request("{ orders(sortBy: _ID_ASC) { _id item secret } }")).toEqual({
      orders: [{ _id: 1, item: "pen", secret: null }],
    });
  });

  it("refuses a write the role does not allow with a GraphQL error, changing nothing", async () => {
    const c = await client();
    let error: ClientError | undefined;
    try {
      await c.request(`mutation { insertOneOrder(data: {_id: 3, item: "cup", owner_id: "${ADA}"}) { _id } }`);
    } catch (e) {
      error = e as ClientError;
    }
    expect(error?.response.data).toBeNull();
    expect(error?.response.errors?.[0]?.message).toBe("insert not permitted");
    expect(await mock.service("mongodb-atlas").db("shop").collection("orders").count()).toBe(2);
  });
});
