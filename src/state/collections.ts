import { OrderedMap } from "immutable";
import type { AppRuntime } from "../runtime.js";
import type { DocMap, State } from "./types.js";
import { addToSet, VersionedIndex } from "./versioned-index.js";

type Doc = Readonly<Record<string, unknown>>;

const EMPTY: DocMap = OrderedMap();

/** The key of a collection in the state. */
export const namespaceKey = (service: string, database: string, collection: string) =>
  `${service}\u0000${database}\u0000${collection}`;

export function collectionDocs(state: State, key: string): DocMap {
  return state.collections.get(key) ?? EMPTY;
}

/**
 * field value → the keys (`idKey(_id)`) of the documents holding it, per version of a collection. Collections are
 * immutable values, so an index stays right for its version; a write hands it on to the next version with only the
 * changed documents updated (`carryIndexes`), and any other new version (seed, restore) builds it once, on its first
 * lookup. Token minting reads custom user data on every login and refresh: this keeps that O(1), writes included.
 */
type FieldIndex = Map<unknown, Set<string>>;
/** Per collection version: field → its index, each built on the field's first lookup. */
const byField = new VersionedIndex<DocMap, Map<string, FieldIndex>>(() => new Map());

function add(index: FieldIndex, value: unknown, key: string): void {
  if (value !== undefined) addToSet(index, value, key);
}

function indexOf(docs: DocMap, field: string): FieldIndex {
  const fields = byField.of(docs);
  let index = fields.get(field);
  if (!index) {
    index = new Map();
    for (const [key, doc] of docs) add(index, doc[field], key);
    fields.set(field, index);
  }
  return index;
}

/** The first document in natural order (as a findOne would pick) whose `field` is `value`. */
function lookUp(docs: DocMap, field: string, value: unknown): Doc | undefined {
  const keys = indexOf(docs, field).get(value);
  if (keys === undefined) return undefined;
  if (keys.size === 1) for (const key of keys) return docs.get(key);
  // Several documents share the value (rare): natural order decides.
  for (const doc of docs.values()) if (doc[field] === value) return doc;
  return undefined;
}

/**
 * Hands the indexes of `before` on to `after`, a version made from it by changing only the documents with the
 * given keys. `before` loses them (a restore to it rebuilds once).
 */
export function carryIndexes(before: DocMap, after: DocMap, changedKeys: Iterable<string>): void {
  byField.carry(before, after, (fields) => {
    for (const key of changedKeys) {
      const old = before.get(key);
      const next = after.get(key);
      for (const [field, index] of fields) {
        const from = old?.[field];
        const to = next?.[field];
        if (from === to) continue;
        const keys = from === undefined ? undefined : index.get(from);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(from);
        add(index, to, key);
      }
    }
  });
}

/** The custom user data document of a user, or undefined (feature off, or no document). */
export function customDataFor(runtime: AppRuntime, userId: string): Doc | undefined {
  const config = runtime.options.customUserData;
  if (!config) return undefined;
  const key = namespaceKey(config.serviceName ?? "mongodb-atlas", config.database, config.collection);
  return lookUp(collectionDocs(runtime.state, key), config.userIdField, userId);
}
