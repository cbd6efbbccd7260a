import { OrderedMap } from "immutable";
import type { AppRuntime } from "../runtime.js";
import type { DocMap, State } from "./types.js";

type Doc = Readonly<Record<string, unknown>>;

const EMPTY: DocMap = OrderedMap();

/** The key of a collection in the state. */
export const namespaceKey = (service: string, database: string, collection: string) =>
  `${service}\u0000${database}\u0000${collection}`;

export function collectionDocs(state: State, key: string): DocMap {
  return state.collections.get(key) ?? EMPTY;
}

/**
 * field value → first document holding it, per version of a collection. Collections are immutable values, so an
 * index built for one version stays right until the collection changes; it is then rebuilt once, on the next
 * lookup. Token minting reads custom user data on every login and refresh: this keeps that O(1).
 */
const indexes = new WeakMap<DocMap, Map<string, Map<unknown, Doc>>>();

function indexOf(docs: DocMap, field: string): Map<unknown, Doc> {
  let byField = indexes.get(docs);
  if (!byField) {
    byField = new Map();
    indexes.set(docs, byField);
  }
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    for (const doc of docs.values()) {
      const value = doc[field];
      // The first document in natural order wins, as a findOne would.
      if (value !== undefined && !index.has(value)) index.set(value, doc);
    }
    byField.set(field, index);
  }
  return index;
}

/** The custom user data document of a user, or undefined (feature off, or no document). */
export function customDataFor(runtime: AppRuntime, userId: string): Doc | undefined {
  const config = runtime.options.customUserData;
  if (!config) return undefined;
  const key = namespaceKey(config.serviceName ?? "mongodb-atlas", config.database, config.collection);
  return indexOf(collectionDocs(runtime.state, key), config.userIdField).get(userId);
}
