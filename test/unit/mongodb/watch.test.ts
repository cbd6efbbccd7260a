import { EJSON, ObjectId } from "bson";
import { OrderedMap } from "immutable";
import { expect, it } from "vitest";
import {
  type ChangeEvent,
  type Doc,
  type DocMap,
  decodeWatchBody,
  frameChangeEvent,
  frameWatchError,
  type Namespace,
  percentDecodeSseData,
  percentEncodeSseData,
  runAction,
  SseDecoder,
  WatchHub,
  type WatchMessage,
} from "../../../src/mongodb/index.js";
import { createTestEnv, NS } from "./support.js";

/** Reads a stream to its end and decodes every message. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<WatchMessage[]> {
  return decodeWatchBody(await new Response(stream).text());
}

/** Applies actions to a collection and publishes their change events, like the app does. */
function createPublisher(hub: WatchHub, ns: Namespace = NS) {
  let docs: DocMap = OrderedMap();
  const env = createTestEnv();
  return (action: string, arg: Record<string, unknown>): ChangeEvent[] => {
    const outcome = runAction(action, arg, docs, env, ns);
    docs = outcome.docs;
    hub.publish(ns, outcome.changes);
    return outcome.changes;
  };
}

/** The change events among decoded messages; an error message fails the test. */
const changesOf = (messages: WatchMessage[]): Doc[] =>
  messages.map((message) => {
    if (message.type !== "change")
      throw new Error(`unexpected watch error ${message.code}: ${message.message}`);
    return message.event;
  });

const keyOf = (event: Doc): unknown => (event.documentKey as { _id: unknown })._id;

it("feeds three concurrent streams: everything, selected ids, and a change-event filter", async () => {
  const hub = new WatchHub();
  const publish = createPublisher(hub);
  const all = hub.open(NS, {});
  const byId = hub.open(NS, { ids: [new ObjectId("65b000000000000000000002"), 3] });
  const byFilter = hub.open(NS, { filter: { operationType: "update", "fullDocument.done": true } });
  expect(hub.size).toBe(3);

  publish("insertMany", {
    documents: [
      { _id: new ObjectId("65b000000000000000000002"), done: false },
      { _id: 3, done: false },
      { _id: 4 },
    ],
  });
  publish("updateOne", { query: { _id: 3 }, update: { $set: { done: true } } });
  publish("updateOne", { query: { _id: 4 }, update: { $set: { done: false } } });
  publish("deleteOne", { query: { _id: new ObjectId("65b000000000000000000002") } });
  hub.closeAll();
  expect(hub.size).toBe(0);

  const [allEvents, idEvents, filterEvents] = await Promise.all([all, byId, byFilter].map(readAll));
  expect(changesOf(allEvents ?? []).map((event) => [event.operationType, event.documentKey])).toEqual([
    ["insert", { _id: new ObjectId("65b000000000000000000002") }],
    ["insert", { _id: 3 }],
    ["insert", { _id: 4 }],
    ["update", { _id: 3 }],
    ["update", { _id: 4 }],
    ["delete", { _id: new ObjectId("65b000000000000000000002") }],
  ]);
  expect(changesOf(idEvents ?? []).map((event) => event.operationType)).toEqual([
    "insert",
    "insert",
    "update",
    "delete",
  ]);
  expect(changesOf(filterEvents ?? [])).toEqual([
    expect.objectContaining({
      operationType: "update",
      fullDocument: { _id: 3, done: true },
      documentKey: { _id: 3 },
    }),
  ]);
});

it("delivers only changes published after the stream opened, and only for its namespace", async () => {
  const hub = new WatchHub();
  const publish = createPublisher(hub);
  publish("insertOne", { document: { _id: "before" } });
  const stream = hub.open(NS, {});
  createPublisher(hub, { ...NS, collection: "other" })("insertOne", { document: { _id: "elsewhere" } });
  publish("insertOne", { document: { _id: "after" } });
  hub.closeAll();
  expect(changesOf(await readAll(stream)).map(keyOf)).toEqual(["after"]);
});

it("round-trips strings with %, %25, %0A, LF and CR through the SSE framing", async () => {
  const tricky = "100% %25 %0A %0D line\nbreak\r\nand\rcr %zz";
  const hub = new WatchHub();
  const publish = createPublisher(hub);
  const stream = hub.open(NS);
  publish("insertOne", { document: { _id: tricky, text: tricky } });
  hub.closeAll();
  const body = await new Response(stream).text();
  expect(body.startsWith("data: ")).toBe(true);
  expect(body.endsWith("\n\n")).toBe(true);
  expect(body.slice(0, -2)).not.toMatch(/[\r\n]/);
  const [message] = decodeWatchBody(body);
  expect(message).toMatchObject({ type: "change", event: { fullDocument: { _id: tricky, text: tricky } } });
  expect(percentDecodeSseData(percentEncodeSseData(tricky))).toBe(tricky);
});

it("frames events as canonical EJSON and errors as `event: error`", () => {
  const frame = frameChangeEvent({ n: 1, id: new ObjectId("65b000000000000000000001") });
  expect(frame).toBe('data: {"n":{"$numberInt":"1"},"id":{"$oid":"65b000000000000000000001"}}\n\n');
  expect(frameWatchError("BadRequest", "bad filter")).toBe(
    'event: error\ndata: {"error_code":"BadRequest","error":"bad filter"}\n\n',
  );
  expect(decodeWatchBody(frameWatchError("BadRequest", "bad filter"))).toEqual([
    { type: "error", code: "BadRequest", message: "bad filter" },
  ]);
  expect(decodeWatchBody("data: 5\n\n")).toEqual([
    { type: "error", code: "bad bson parse", message: "server returned malformed event: 5" },
  ]);
});

it("parses SSE incrementally across chunk boundaries, CRLF, comments and multi-line data", () => {
  const decoder = new SseDecoder();
  expect(decoder.push(": comment\nda")).toEqual([]);
  expect(decoder.push("ta: a\r\ndata: b\nid: 7\n")).toEqual([]);
  expect(decoder.push("\nevent: other\ndata: x\n\n")).toEqual([
    { event: "", data: "a\nb" },
    { event: "other", data: "x" },
  ]);
});

it("sends an error event and ends the streams on failAll", async () => {
  const hub = new WatchHub();
  const stream = hub.open(NS);
  hub.failAll("InternalServerError", "stream reset");
  expect(hub.size).toBe(0);
  expect(await readAll(stream)).toEqual([
    { type: "error", code: "InternalServerError", message: "stream reset" },
  ]);
});

it("ends pending readers on closeAll and forgets cancelled streams", async () => {
  const hub = new WatchHub();
  const reader = hub.open(NS).getReader();
  const pending = reader.read();
  const cancelled = hub.open(NS);
  await cancelled.cancel();
  expect(hub.size).toBe(1);
  hub.closeAll();
  await expect(pending).resolves.toEqual({ done: true, value: undefined });
  expect(hub.size).toBe(0);
});

it("decodes the relaxed EJSON types a client would see", async () => {
  const hub = new WatchHub();
  const publish = createPublisher(hub);
  const stream = hub.open(NS, { ids: [1] });
  publish("insertOne", { document: { _id: 1, when: new Date(0), big: 2 ** 40 } });
  hub.closeAll();
  const [message] = await readAll(stream);
  expect(message).toMatchObject({
    type: "change",
    event: { fullDocument: { _id: 1, when: new Date(0), big: 2 ** 40 } },
  });
  expect(EJSON.stringify({ t: changesOf([message!])[0]?.clusterTime })).toBe(
    '{"t":{"$timestamp":{"t":1700000000,"i":1}}}',
  );
});

it("rejects an invalid watch filter when the stream is opened", () => {
  const hub = new WatchHub();
  expect(() => hub.open(NS, { filter: { a: { $bogus: 1 } } })).toThrow(
    expect.objectContaining({ code: "MongoDBError" }),
  );
  expect(hub.size).toBe(0);
});
