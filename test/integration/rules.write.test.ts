import type * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { server } from "../support/msw-server.js";
import { realmFailure, serve } from "../support/realm.js";
import { ADA, BO, collectionFor, createRulesApp } from "../support/rules-app.js";

const mock = createRulesApp("rules-write-app");
serve(mock);

/** The documents as stored (the test-side handle bypasses rules). */
const stored = (collection: string) =>
  mock.service("mongodb-atlas").db("shop").collection(collection).find({});

/** Expects a rule denial with App Services' message; the data must be unchanged. */
async function expectDenied(promise: Promise<unknown>, message: string, collection: string): Promise<void> {
  const before = await stored(collection);
  const error: Realm.MongoDBRealmError = await realmFailure(promise);
  expect.soft(error.error).toBe(message);
  expect.soft(error.errorCode).toBe("MongoDBError");
  expect.soft(error.statusCode).toBe(400);
  expect(await stored(collection)).toEqual(before);
}

describe("rules on writes", () => {
  it("owner-only: inserts and updates of one's own documents pass; others' documents are not matched", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    await notes.insertOne({ _id: 4, owner_id: BO, text: "new" });
    expect(await notes.updateOne({ _id: 1 }, { $set: { text: "hacked" } })).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
    });
    expect(await notes.updateMany({}, { $set: { seen: true } })).toEqual({
      matchedCount: 3,
      modifiedCount: 3,
    });
    expect(await notes.deleteMany({})).toEqual({ deletedCount: 3 });
    expect(await stored("notes")).toEqual([{ _id: 1, owner_id: ADA, text: "ada's note" }]);
  });

  it("insert denied: a document no role applies to is refused with 'insert not permitted', taking no id", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    const handle = mock.service("mongodb-atlas").db("shop").collection("notes");
    const beforeRefusals = mock.snapshot();
    await expectDenied(notes.insertOne({ owner_id: ADA, text: "for ada" }), "insert not permitted", "notes");
    await expectDenied(
      notes.insertMany([
        { owner_id: BO, text: "ok" },
        { owner_id: ADA, text: "not ok" },
      ]),
      "insert not permitted",
      "notes",
    );
    expect(mock.events.list({ type: "mongodb-write" })).toEqual([]);
    // The refused inserts took no id: the next id is the one generated without them.
    const next = await handle.insertOne({ owner_id: BO });
    mock.restore(beforeRefusals);
    const reference = await handle.insertOne({ owner_id: BO });
    expect(String(next.insertedId)).toBe(String(reference.insertedId));
  });

  it("an update that would give the document away is refused (the role is chosen for the new version)", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    await expectDenied(
      notes.updateOne({ _id: 2 }, { $set: { owner_id: ADA } }),
      "update not permitted",
      "notes",
    );
  });

  it("shared role with write false: update and delete are refused with their messages", async () => {
    const projects = await collectionFor(mock, "bo", "projects");
    await expectDenied(
      projects.updateOne({ _id: 1 }, { $set: { name: "x" } }),
      "update not permitted",
      "projects",
    );
    await expectDenied(projects.deleteOne({ _id: 1 }), "delete not permitted", "projects");
    await expectDenied(
      projects.findOneAndUpdate({ _id: 1 }, { $set: { name: "x" } }),
      "update not permitted",
      "projects",
    );
  });

  it("field level: writable fields pass, a hidden or read-only field is refused, nested permissions apply", async () => {
    const orders = await collectionFor(mock, "bo", "orders");
    expect(await orders.updateOne({ _id: 1 }, { $set: { note: "changed" } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect(await orders.updateOne({ _id: 1 }, { $set: { "address.city": "Paris" } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    await expectDenied(
      orders.updateOne({ _id: 1 }, { $set: { secret: "mine" } }),
      "update not permitted",
      "orders",
    );
    await expectDenied(
      orders.updateOne({ _id: 1 }, { $set: { status: "closed" } }),
      "update not permitted",
      "orders",
    );
    await expectDenied(
      orders.updateOne({ _id: 1 }, { $set: { "address.zip": "75000" } }),
      "update not permitted",
      "orders",
    );
    await expectDenied(
      orders.insertOne({ _id: 5, owner_id: BO, secret: "x" }),
      "insert not permitted",
      "orders",
    );
    await orders.insertOne({ _id: 6, owner_id: BO, note: "fine" });
    expect(await orders.findOne({ _id: 1 })).toEqual({
      _id: 1,
      owner_id: BO,
      status: "open",
      note: "changed",
      address: { city: "Paris", zip: "69000" },
    });
  });

  it("delete: false refuses deletes even for the owner; the admin role may delete", async () => {
    await expectDenied(
      (await collectionFor(mock, "bo", "orders")).deleteOne({ _id: 1 }),
      "delete not permitted",
      "orders",
    );
    expect(await (await collectionFor(mock, "ada", "orders")).deleteOne({ _id: 1 })).toEqual({
      deletedCount: 1,
    });
  });

  it("findOneAndUpdate returns the readable view of the document, without the hidden field", async () => {
    const orders = await collectionFor(mock, "bo", "orders");
    const after = await orders.findOneAndUpdate(
      { _id: 1 },
      { $set: { note: "x" } },
      { returnNewDocument: true },
    );
    expect(after).toEqual({
      _id: 1,
      owner_id: BO,
      status: "open",
      note: "x",
      address: { city: "Lyon", zip: "69000" },
    });
    const projected = await orders.findOneAndReplace(
      { _id: 1 },
      { owner_id: BO, status: "open", secret: "s1", note: "y", address: { city: "Lyon", zip: "69000" } },
      { projection: { note: 1 } },
    );
    expect(projected).toEqual({ _id: 1, note: "x" });
  });

  it("upserts are checked as inserts", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    const ok = await notes.updateOne({ _id: 7 }, { $set: { owner_id: BO } }, { upsert: true });
    expect(ok).toEqual({ matchedCount: 0, modifiedCount: 0, upsertedId: 7 });
    await expectDenied(
      notes.updateOne({ _id: 8 }, { $set: { owner_id: ADA } }, { upsert: true }),
      "insert not permitted",
      "notes",
    );
    // An upsert cannot overwrite a document the user cannot see.
    const error = await realmFailure(
      notes.updateOne({ _id: 1 }, { $set: { owner_id: BO } }, { upsert: true }),
    );
    expect(error.error).toContain("Duplicate key error");
  });

  it("a client-forbidden collection refuses every write, and the default rule's read-only role refuses inserts", async () => {
    await expectDenied(
      (await collectionFor(mock, "ada", "audit")).insertOne({ event: "x" }),
      "insert not permitted",
      "audit",
    );
    expect(await (await collectionFor(mock, "ada", "audit")).deleteMany({})).toEqual({ deletedCount: 0 });
    await expectDenied(
      (await collectionFor(mock, "cy", "misc")).insertOne({ label: "x" }),
      "insert not permitted",
      "misc",
    );
  });

  it("document_filters.write gates writes; filters restrict the documents a write matches", async () => {
    const tickets = await collectionFor(mock, "bo", "tickets");
    await expectDenied(
      tickets.updateOne({ _id: 1 }, { $set: { team: "red", x: 1 } }),
      "update not permitted",
      "tickets",
    );
    expect(await tickets.updateOne({ _id: 3 }, { $set: { x: 1 } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    const posts = await collectionFor(mock, "bo", "posts");
    expect(await posts.updateMany({}, { $set: { touched: true } })).toEqual({
      matchedCount: 1,
      modifiedCount: 1,
    });
    expect((await stored("posts")).map((post) => post.touched)).toEqual([true, undefined]);
  });

  it("realm-web's findOneAndDelete is checked as an update to { _id }, or as a delete with realFindOneAndDelete", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    await expectDenied(notes.findOneAndDelete({ _id: 2 }), "update not permitted", "notes");
    const real = createRulesApp("rules-write-real-delete", { mongodb: { realFindOneAndDelete: true } });
    server.use(...real.handlers);
    const realNotes = await collectionFor(real, "bo", "notes");
    expect(await realNotes.findOneAndDelete({ _id: 2 })).toEqual({ _id: 2, owner_id: BO, text: "bo's note" });
    expect(await realNotes.findOneAndDelete({ _id: 1 })).toBeNull();
    expect(await real.service("mongodb-atlas").db("shop").collection("notes").count()).toBe(2);
    real.close();
  });
});
