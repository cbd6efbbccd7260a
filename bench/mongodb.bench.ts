import { ObjectId } from "bson";
import { OrderedMap } from "immutable";
import { find } from "mingo";
import { bench, describe } from "vitest";
import { type Doc, idKey, type MongoEnv, runAction } from "../src/mongodb/index.js";
import { loadMingo } from "../src/mongodb/mingo.js";

// runAction is the synchronous core; the kit loads mingo on first use of its asynchronous entries.
await loadMingo();

const COUNT = 10_000;
const documents: Doc[] = Array.from({ length: COUNT }, (_, i) => ({
  _id: new ObjectId(i.toString(16).padStart(24, "0")),
  n: i,
  group: i % 10,
  name: `item-${i}`,
  tags: ["a", "b"],
  nested: { even: i % 2 === 0 },
}));
const docs = OrderedMap(documents.map((doc): [string, Doc] => [idKey(doc._id), doc]));
const env: MongoEnv = { objectId: () => new ObjectId(), now: () => 0 };
const ns = { service: "mongodb-atlas", database: "db", collection: "bench" };
const query = { group: 3, "nested.even": false };

describe("find over 10,000 documents (1,000 matches)", () => {
  bench("runAction('find') (copies results)", () => {
    runAction("find", { query }, docs, env, ns);
  });
  bench("mingo find on an array", () => {
    find(documents, query).all();
  });
});

describe("find with sort and limit over 10,000 documents", () => {
  bench("runAction('find', sort, limit 20)", () => {
    runAction("find", { query: { n: { $gte: 100 } }, sort: { n: -1 }, limit: 20 }, docs, env, ns);
  });
  bench("mingo find().sort().limit(20) on an array", () => {
    find(documents, { n: { $gte: 100 } })
      .sort({ n: -1 })
      .limit(20)
      .all();
  });
});
