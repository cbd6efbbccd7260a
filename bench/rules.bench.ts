import { ObjectId } from "bson";
import { OrderedMap } from "immutable";
import { bench, describe } from "vitest";
import type { FunctionUser } from "../src/functions/types.js";
import { type Doc, type DocMap, idKey, type MongoEnv, runAction } from "../src/mongodb/index.js";
import { loadMingo } from "../src/mongodb/mingo.js";
import { runCheckedAction } from "../src/rules/checked-actions.js";
import { RulesEngine } from "../src/rules/engine.js";

// runAction is the synchronous core; the kit loads mingo on first use of its asynchronous entries.
await loadMingo();

const COUNT = 10_000;
const OWNER = "65a000000000000000000001";
const documents: Doc[] = Array.from({ length: COUNT }, (_, i) => ({
  _id: new ObjectId(i.toString(16).padStart(24, "0")),
  owner_id: i % 10 === 0 ? OWNER : `other-${i % 10}`,
  n: i,
  secret: `s${i}`,
}));
const docs: DocMap = OrderedMap(documents.map((doc): [string, Doc] => [idKey(doc._id), doc]));
const env: MongoEnv = { objectId: () => new ObjectId(), now: () => 0 };
const ns = { service: "mongodb-atlas", database: "db", collection: "bench" };
const user: FunctionUser = { id: OWNER, type: "normal", data: {}, custom_data: {}, identities: [] };

const engine = (role: Record<string, unknown>) =>
  new RulesEngine(
    {
      "mongodb-atlas": {
        collections: [{ database: "db", collection: "bench", roles: [{ name: "r", ...role }] }],
      },
    },
    { values: {} },
  );
const store = {
  get: () => docs,
  commit: () => undefined,
  position: () => [0, 0],
  rewind: () => undefined,
};
const checkedFind = (rules: RulesEngine, query: Doc) => {
  const collection = rules.forCollection(ns, { user });
  if (collection === undefined) throw new Error("no rules");
  return runCheckedAction("find", { query }, { rules: collection, store, env, ns });
};

const ownerOnly = engine({ apply_when: { owner_id: "%%user.id" }, read: true });
const hiddenField = engine({
  apply_when: {},
  fields: { secret: { read: false } },
  additional_fields: { read: true },
});

describe("find over 10,000 documents under rules", () => {
  bench("runAction('find', { owner_id }) without rules (1,000 matches)", () => {
    runAction("find", { query: { owner_id: OWNER } }, docs, env, ns);
  });
  bench("owner-only role, find({}) (1,000 readable)", async () => {
    await checkedFind(ownerOnly, {});
  });
  bench("hidden-field role, find({ owner_id }) (1,000 matches)", async () => {
    await checkedFind(hiddenField, { owner_id: OWNER });
  });
});
