import { describe, expect, it } from "vitest";
import { realmFailure, serve } from "../support/realm.js";
import { BO, CY, collectionFor, createRulesApp } from "../support/rules-app.js";
import { streamsOpened, take } from "../support/watch.js";

const mock = createRulesApp("rules-watch-app");
serve(mock);

type Change = {
  operationType: string;
  documentKey?: { _id: unknown };
  fullDocument?: Record<string, unknown>;
  updateDescription?: { updatedFields: Record<string, unknown>; removedFields: string[] };
};

describe("rules on watch", () => {
  it("drops events about unreadable documents and hides fields in the events it delivers", async () => {
    const orders = await collectionFor(mock, "bo", "orders");
    const opened = streamsOpened(1);
    const stream = orders.watch() as unknown as AsyncGenerator<Change>;
    await opened;
    const stored = mock.service("mongodb-atlas").db("shop").collection("orders");
    await stored.insertOne({ _id: 10, owner_id: CY, secret: "not bo's" });
    await stored.updateOne({ _id: 1 }, { $set: { secret: "only the hidden field" } });
    await stored.updateOne({ _id: 1 }, { $set: { note: "seen", secret: "again" } });
    await stored.insertOne({ _id: 11, owner_id: BO, status: "new", secret: "q" });
    await stored.deleteOne({ _id: 2 });
    await stored.deleteOne({ _id: 11 });

    const events = await take(stream, 3);
    expect(events.map((event) => [event.operationType, event.documentKey?._id])).toEqual([
      ["update", 1],
      ["insert", 11],
      ["delete", 11],
    ]);
    expect(events[0]?.updateDescription).toEqual({ updatedFields: { note: "seen" }, removedFields: [] });
    expect(events[0]?.fullDocument).toEqual({
      _id: 1,
      owner_id: BO,
      status: "open",
      note: "seen",
      address: { city: "Lyon", zip: "69000" },
    });
    expect(events[1]?.fullDocument).toEqual({ _id: 11, owner_id: BO, status: "new" });
  });

  it("a watch on a namespace without rules is refused with NoMatchingRuleFound", async () => {
    const unknown = await collectionFor(mock, "ada", "unknown", "db", "secondary");
    const stream = unknown.watch() as unknown as AsyncGenerator<Change>;
    const error = await realmFailure(stream.next());
    expect(error.errorCode).toBe("NoMatchingRuleFound");
  });
});
