import { describe, expect, it } from "vitest";
import { realmFailure, serve } from "../support/realm.js";
import { ADA, BO, createRulesApp, logIn } from "../support/rules-app.js";

const mock = createRulesApp("rules-functions-app");
serve(mock);

/** Calls a function as Bo (realm-web's `functions` proxy cannot be returned from an async function). */
const callAsBo = async (name: string) =>
  (await logIn(mock, "bo@example.com", "password2")).callFunction(name);

describe("rules in functions and test handles", () => {
  it("a function running as the user is rule-checked: it sees only the user's notes", async () => {
    expect(await callAsBo("listNotes")).toEqual([
      { _id: 2, owner_id: BO, text: "bo's note" },
      { _id: 3, owner_id: BO, text: "bo's other note" },
    ]);
  });

  it("a user function's forbidden write fails as FunctionExecutionError with the rule's message", async () => {
    const user = await logIn(mock, "bo@example.com", "password2");
    const error = await realmFailure(user.callFunction("writeAudit"));
    expect(error.errorCode).toBe("FunctionExecutionError");
    expect(error.error).toBe("insert not permitted");
    expect(await mock.service("mongodb-atlas").db("shop").collection("audit").count()).toBe(1);
  });

  it("a system function bypasses rules: it reads every note and writes the forbidden collection", async () => {
    expect(((await callAsBo("listNotesAsSystem")) as unknown[]).length).toBe(3);
    expect(await callAsBo("writeAuditAsSystem")).toEqual({ insertedId: 9 });
    // A user function that executes a system function gets the system function's view.
    expect(((await callAsBo("viaSystem")) as unknown[]).length).toBe(3);
  });

  it("the test-side mock.service handle bypasses rules", async () => {
    const audit = mock.service("mongodb-atlas").db("shop").collection("audit");
    await audit.insertOne({ _id: 2, event: "from the test" });
    expect(await audit.find({})).toEqual([
      { _id: 1, event: "seeded" },
      { _id: 2, event: "from the test" },
    ]);
    const orders = await mock.service("mongodb-atlas").db("shop").collection("orders").findOne({ _id: 1 });
    expect(orders?.secret).toBe("s1");
  });

  it("%function rules are called as system calls that see the requesting user", async () => {
    const ada = await logIn(mock, "ada@example.com", "password1");
    expect(await ada.mongoClient("mongodb-atlas").db("shop").collection("vault").count()).toBe(1);
    const [call] = mock.events.list({ type: "function-called" }).filter((event) => event.name === "isVip");
    expect(call?.arguments).toEqual([ADA]);
    expect(call?.outcome).toEqual({ ok: true, result: true });
  });
});
