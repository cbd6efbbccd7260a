import { Timestamp } from "bson";
import { cloneValue, sameValue } from "./clone.js";
import { idKey } from "./id-key.js";
import type { ChangeEvent, Doc, MongoEnv, Namespace } from "./types.js";

/** A write, before it becomes a change event. */
export type PendingChange =
  | { type: "insert"; after: Doc }
  | { type: "update"; before: Doc; after: Doc }
  | { type: "replace"; after: Doc }
  | { type: "delete"; id: unknown };

/**
 * Top-level differences between two versions of a document.
 * FIDELITY: MongoDB reports dotted paths (`"a.b": 1`) and array truncations; this reports whole top-level fields.
 */
export function diffTopLevel(before: Doc, after: Doc): { updatedFields: Doc; removedFields: string[] } {
  const updatedFields: Doc = {};
  for (const [key, value] of Object.entries(after)) {
    if (!(key in before) || !sameValue(before[key], value)) updatedFields[key] = cloneValue(value);
  }
  const removedFields = Object.keys(before).filter((key) => !(key in after));
  return { updatedFields, removedFields };
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, "0");

/**
 * Turns pending writes into MongoDB change events. `clusterTime` is `{ t: seconds of env.now(), i }` where `i`
 * comes from `env.nextEventOrdinal()` or, without it, the 1-based position in this action.
 */
export function toChangeEvents(pending: PendingChange[], env: MongoEnv, ns: Namespace): ChangeEvent[] {
  if (pending.length === 0) return [];
  const t = Math.floor(env.now() / 1000);
  return pending.map((change, index) => {
    const i = env.nextEventOrdinal ? env.nextEventOrdinal() : index + 1;
    const id = change.type === "delete" ? change.id : change.after._id;
    // FIDELITY: resume tokens are opaque hex strings derived from (time, ordinal, _id), not real key strings.
    return {
      _id: { _data: `82${hex8(t)}${hex8(i)}${fnv1a(idKey(id))}` },
      operationType: change.type,
      clusterTime: new Timestamp({ t, i }),
      ...(change.type === "delete" ? {} : { fullDocument: cloneValue(change.after) }),
      ns: { db: ns.database, coll: ns.collection },
      documentKey: { _id: cloneValue(id) },
      ...(change.type === "update" ? { updateDescription: diffTopLevel(change.before, change.after) } : {}),
    };
  });
}
