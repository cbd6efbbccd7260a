import { ObjectId } from "bson";
import { OrderedMap } from "immutable";
import { type Doc, type DocMap, idKey, type MongoEnv, type Namespace } from "../../../src/mongodb/index.js";
import { loadMingo } from "../../../src/mongodb/mingo.js";

// The MongoDB layer loads mingo on first use through its asynchronous entries; these tests call the synchronous
// core directly.
await loadMingo();

export const NS: Namespace = { service: "mongodb-atlas", database: "db", collection: "items" };

/** 2023-11-14T22:13:20Z, i.e. 1_700_000_000 seconds. */
export const NOW = 1_700_000_000_000;

/** An env whose ObjectIds count up from 65a0…01 and whose clock stands at NOW. */
export function createTestEnv(extra: Partial<MongoEnv> = {}): MongoEnv {
  let counter = 0;
  return {
    objectId: () => new ObjectId(`65a0${(++counter).toString(16).padStart(20, "0")}`),
    now: () => NOW,
    ...extra,
  };
}

/** The n-th ObjectId `createTestEnv` hands out. */
export const generatedId = (n: number): ObjectId => new ObjectId(`65a0${n.toString(16).padStart(20, "0")}`);

/** A collection holding `docs` in the given order. */
export function docMap(docs: Doc[]): DocMap {
  return OrderedMap(docs.map((doc): [string, Doc] => [idKey(doc._id), doc]));
}

/** The documents of a collection in natural order. */
export const contents = (docs: DocMap): Doc[] => [...docs.values()];
