import { describe, expect, it } from "vitest";
import { realmFailure, serve } from "../support/realm.js";
import { BO, collectionFor, createRulesApp } from "../support/rules-app.js";

const mock = createRulesApp("rules-read-app");
serve(mock);

const ids = (docs: { _id: unknown }[]) => docs.map((doc) => doc._id);

describe("rules on reads", () => {
  it("owner-only: find, findOne, count and aggregate see only the caller's documents", async () => {
    const notes = await collectionFor(mock, "bo", "notes");
    expect(ids(await notes.find())).toEqual([2, 3]);
    expect(await notes.findOne({ _id: 1 })).toBeNull();
    expect(await notes.count()).toBe(2);
    expect(await notes.count({ text: /ada/ })).toBe(0);
    const grouped = await notes.aggregate([{ $group: { _id: "$owner_id", n: { $sum: 1 } } }]);
    expect(grouped).toEqual([{ _id: BO, n: 2 }]);
  });

  it("shared role: a user whose id is in the document's members array may read it", async () => {
    expect(ids(await (await collectionFor(mock, "bo", "projects")).find())).toEqual([1]);
    expect(ids(await (await collectionFor(mock, "ada", "projects")).find())).toEqual([1, 2]);
    expect(await (await collectionFor(mock, "cy", "projects")).find()).toEqual([]);
  });

  it("role by custom data: the admin reads every order with every field", async () => {
    const orders = await collectionFor(mock, "ada", "orders");
    expect(await orders.find({}, { sort: { _id: 1 } })).toEqual([
      {
        _id: 1,
        owner_id: BO,
        status: "open",
        secret: "s1",
        note: "n",
        address: { city: "Lyon", zip: "69000" },
      },
      expect.objectContaining({ _id: 2, secret: "s2" }),
    ]);
  });

  it("field level: a hidden field is removed, embedded permissions apply, and queries cannot probe it", async () => {
    const orders = await collectionFor(mock, "bo", "orders");
    expect(await orders.find()).toEqual([
      { _id: 1, owner_id: BO, status: "open", note: "n", address: { city: "Lyon", zip: "69000" } },
    ]);
    expect(await orders.findOne({ secret: "s1" })).toBeNull();
    expect(await orders.count({ secret: { $exists: true } })).toBe(0);
    expect(await orders.aggregate([{ $project: { secret: 1 } }])).toEqual([{ _id: 1 }]);
  });

  it("a client-forbidden collection (collection roles, none applies) reads as empty, without falling back", async () => {
    const audit = await collectionFor(mock, "ada", "audit");
    expect(await audit.find()).toEqual([]);
    expect(await audit.count()).toBe(0);
  });

  it("the default rule covers collections without their own rules", async () => {
    const misc = await collectionFor(mock, "cy", "misc");
    expect(await misc.find()).toEqual([{ _id: 1, label: "default rule" }]);
  });

  it("filters: their query is ANDed in and their projection applied, only when apply_when holds", async () => {
    const asBo = await collectionFor(mock, "bo", "posts");
    expect(await asBo.find()).toEqual([{ _id: 1, title: "public", published: true }]);
    expect(await asBo.findOne({ _id: 2 })).toBeNull();
    expect(await asBo.count()).toBe(1);
    const asAda = await collectionFor(mock, "ada", "posts");
    expect(await asAda.count()).toBe(2);
    expect(await asAda.findOne({ _id: 2 })).toEqual({
      _id: 2,
      title: "draft",
      published: false,
      draftNotes: "d2",
    });
  });

  it("document_filters: read passes on the read filter or the write filter, else the document is omitted", async () => {
    const tickets = await collectionFor(mock, "bo", "tickets");
    expect(ids(await tickets.find())).toEqual([1, 3]);
    expect(ids(await (await collectionFor(mock, "ada", "tickets")).find())).toEqual([1, 2]);
  });

  it("%function in apply_when: the function sees the requesting user and decides the role", async () => {
    expect(await (await collectionFor(mock, "ada", "vault")).find()).toEqual([{ _id: 1, gold: 100 }]);
    expect(await (await collectionFor(mock, "bo", "vault")).find()).toEqual([]);
    const calls = mock.events.list({ type: "function-called" });
    expect(calls.map((event) => event.name)).toContain("isVip");
  });

  it("a namespace with neither collection rules nor a default rule is NoMatchingRuleFound (403)", async () => {
    const unknown = await collectionFor(mock, "ada", "unknown", "db", "secondary");
    const error = await realmFailure(unknown.find());
    expect(error.statusCode).toBe(403);
    expect(error.errorCode).toBe("NoMatchingRuleFound");
    expect(error.error).toBe("no rule exists for namespace 'db.unknown'");
    const known = await collectionFor(mock, "ada", "known", "db", "secondary");
    expect(await known.find()).toEqual([{ _id: 1 }]);
  });

  it("a service without rules keeps the kit's default: every user reads and writes everything", async () => {
    const things = await collectionFor(mock, "cy", "things", "db", "plain");
    expect(await things.find()).toEqual([{ _id: 1, label: "no rules here" }]);
    await things.insertOne({ _id: 2, label: "written" });
    expect(await things.count()).toBe(2);
  });
});
