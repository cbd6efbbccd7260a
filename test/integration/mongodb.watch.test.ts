import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { realmApp, serve } from "../support/realm.js";
import { streamsOpened, take } from "../support/watch.js";

const mock = createMockApp({
  id: "watch-app",
  users: [{ email: "ada@example.com", password: "password1" }],
  data: { "mongodb-atlas": { db: { todos: [{ _id: 1, title: "seeded", done: false }] } } },
});
serve(mock);

type Todo = { _id: number; title: string; done: boolean };
/** The fields of a change event these tests read (realm-web's own types are not reachable through the import). */
type Change = {
  operationType: string;
  documentKey?: { _id: unknown };
  fullDocument?: Todo;
  ns?: { db: string; coll: string };
  updateDescription?: { updatedFields: Record<string, unknown>; removedFields: string[] };
  clusterTime?: unknown;
};

async function todos() {
  const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  return user.mongoClient("mongodb-atlas").db("db").collection<Todo>("todos");
}

const summary = (e: Change) => [e.operationType, e.documentKey?._id];

describe("watch", () => {
  it("serves three concurrent streams: everything, by ids, and by filter", async () => {
    const c = await todos();
    const opened = streamsOpened(3);
    const all = c.watch() as unknown as AsyncGenerator<Change>;
    const byIds = c.watch({ ids: [2, 3] }) as unknown as AsyncGenerator<Change>;
    const byFilter = c.watch({
      filter: { operationType: "update", "fullDocument.done": true },
    }) as unknown as AsyncGenerator<Change>;
    await opened;
    await c.insertOne({ _id: 2, title: "two", done: false });
    await c.updateOne({ _id: 1 }, { $set: { done: true } });
    await c.insertOne({ _id: 3, title: "three", done: true });
    await c.updateOne({ _id: 2 }, { $set: { done: true } });
    await c.deleteOne({ _id: 3 });

    expect((await take(all, 5)).map(summary)).toEqual([
      ["insert", 2],
      ["update", 1],
      ["insert", 3],
      ["update", 2],
      ["delete", 3],
    ]);
    expect((await take(byIds, 4)).map(summary)).toEqual([
      ["insert", 2],
      ["insert", 3],
      ["update", 2],
      ["delete", 3],
    ]);
    const filtered = await take(byFilter, 2);
    expect(filtered.map(summary)).toEqual([
      ["update", 1],
      ["update", 2],
    ]);
    expect(filtered[0]).toMatchObject({
      ns: { db: "db", coll: "todos" },
      updateDescription: { updatedFields: { done: true }, removedFields: [] },
      fullDocument: { _id: 1, title: "seeded", done: true },
    });
    expect(filtered[0]?.clusterTime).toBeInstanceOf(Realm.BSON.Timestamp);
  });

  it("delivers strings containing %, LF, CR and percent escapes unchanged", async () => {
    const c = await todos();
    const opened = streamsOpened(1);
    const stream = c.watch() as unknown as AsyncGenerator<Change>;
    await opened;
    const title = "100% sure\nline two\r\nthree %25 %0A %0D\r end ✓";
    await c.insertOne({ _id: 9, title, done: false });
    const [event] = await take(stream, 1);
    expect(event?.fullDocument?.title).toBe(title);
  });

  it("delivers writes made by the test and by functions, and ends every stream on mock.reset()", async () => {
    const c = await todos();
    const opened = streamsOpened(2);
    const first = c.watch() as unknown as AsyncGenerator<Change>;
    const second = c.watch({ ids: [1] }) as unknown as AsyncGenerator<Change>;
    await opened;
    await mock
      .service("mongodb-atlas")
      .db("db")
      .collection("todos")
      .updateOne({ _id: 1 }, { $set: { done: true } });
    expect((await take(first, 1)).map(summary)).toEqual([["update", 1]]);
    mock.reset();
    expect(await first.next()).toEqual({ done: true, value: undefined });
    expect((await take(second, 5)).map(summary)).toEqual([["update", 1]]);
  });

  it("only sends changes made after the stream opened", async () => {
    const c = await todos();
    await c.insertOne({ _id: 5, title: "before", done: false });
    const opened = streamsOpened(1);
    const stream = c.watch() as unknown as AsyncGenerator<Change>;
    await opened;
    await c.deleteOne({ _id: 5 });
    expect((await take(stream, 1)).map(summary)).toEqual([["delete", 5]]);
    mock.reset();
  });

  it("answers a watch of an unknown service with ServiceNotFound", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    const stream = user.mongoClient("nope").db("db").collection("todos").watch();
    await expect(stream.next()).rejects.toMatchObject({ errorCode: "ServiceNotFound" });
  });

  it("ends open streams on mock.close()", async () => {
    const closing = createMockApp({
      id: "closing-app",
      users: [{ email: "bo@example.com", password: "password1" }],
    });
    server.use(...closing.handlers);
    const user = await realmApp(closing).logIn(
      Realm.Credentials.emailPassword("bo@example.com", "password1"),
    );
    const opened = streamsOpened(1);
    const stream = user.mongoClient("mongodb-atlas").db("db").collection("todos").watch();
    await opened;
    closing.close();
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("ends a stream whose request is aborted", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
    const body = {
      name: "watch",
      arguments: [{ database: "db", collection: "todos" }],
      service: "mongodb-atlas",
    };
    const param = encodeURIComponent(Buffer.from(JSON.stringify(body)).toString("base64"));
    const controller = new AbortController();
    const reply = await mock.handle(
      new Request(`${mock.baseUrl}/api/client/v2.0/app/${mock.id}/functions/call?baas_request=${param}`, {
        headers: { authorization: `Bearer ${user.accessToken}`, accept: "text/event-stream" },
        signal: controller.signal,
      }),
    );
    expect(reply?.headers.get("content-type")).toBe("text/event-stream");
    const reader = reply?.body?.getReader();
    const pending = reader?.read().then(
      (result) => result.done,
      () => true,
    );
    controller.abort();
    expect(await pending).toBe(true);
  });
});
