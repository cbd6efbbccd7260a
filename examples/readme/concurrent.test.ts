import { createMockTest, createRealmApp } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { expect } from "vitest";

// Each test gets its own mock app, served while it runs and closed after it: safe with test.concurrent.
const test = createMockTest({ users: [{ email: "ada@example.com", password: "pw-123456" }] });

for (const name of ["checkout", "refund", "invoice"]) {
  test.concurrent(`${name} sees only its own data`, async ({ mock }) => {
    const app = createRealmApp(Realm.App, mock);
    const user = await app.logIn(Realm.Credentials.emailPassword("ada@example.com", "pw-123456"));
    await user.mongoClient("mongodb-atlas").db("shop").collection("orders").insertOne({ name });

    const orders = await mock.service("mongodb-atlas").db("shop").collection("orders").find({});
    expect(orders.map((order) => order.name)).toEqual([name]);
  });
}
