import type { ChangeEvent, Doc, WatchGuard } from "../mongodb/index.js";
import type { CollectionRules } from "./engine.js";

const pick = (doc: Doc, keep: Doc): Doc =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => Object.hasOwn(keep, key)));

/**
 * A watch stream under rules: events about documents the user may not read are dropped, `fullDocument` is the
 * readable view and `updateDescription` names only readable fields.
 *
 * FIDELITY: an update that changed only hidden fields is not delivered, and a delete is delivered only when the
 * user could read the document before it was deleted.
 */
export function ruleWatchGuard(rules: CollectionRules): WatchGuard {
  return async (change: ChangeEvent, before: Doc | undefined) => {
    if (change.operationType === "delete") {
      return before !== undefined && (await rules.readOne(before)) !== undefined ? change : undefined;
    }
    if (change.fullDocument === undefined) return undefined;
    const view = await rules.readOne(change.fullDocument);
    if (view === undefined) return undefined;
    const description = change.updateDescription;
    if (description === undefined) return { ...change, fullDocument: view };
    const prior = before === undefined ? undefined : await rules.readOne(before);
    const updatedFields = pick(description.updatedFields, view);
    const removedFields = description.removedFields.filter(
      (key) => prior !== undefined && Object.hasOwn(prior, key),
    );
    if (Object.keys(updatedFields).length === 0 && removedFields.length === 0) return undefined;
    return { ...change, fullDocument: view, updateDescription: { updatedFields, removedFields } };
  };
}
