/**
 * mingo, loaded on first use of the MongoDB layer instead of with the kit: its ~300 CommonJS files cost ~100 ms of
 * every cold test file, most of which never query. Every asynchronous entry into queries, updates, watch filters
 * and rule expressions awaits `loadMingo()` once; the synchronous code after it reads `mingo()`. Internal.
 */
import type * as Core from "mingo";
import type * as QueryOperators from "mingo/operators/query";
import type * as Updater from "mingo/updater";
import type * as Util from "mingo/util";
import { kitMessage } from "../logger.js";

export interface Mingo {
  Query: typeof Core.Query;
  Aggregator: typeof Core.Aggregator;
  /** mingo's own entry points, with all operators. */
  update: typeof Core.update;
  updateOne: typeof Core.updateOne;
  /** The updater without a context of its own: it adds the operators an update needs (see `updates.ts`). */
  leanUpdate: typeof Updater.update;
  MingoError: typeof Util.MingoError;
  /** Query options with the query operators only (a filter without `$expr` needs no more). */
  queryOnly: { idKey: "_id"; context: Core.Context };
  /** Update options with an empty context. */
  updateOnly: { idKey: "_id"; context: Core.Context };
}

let loaded: Mingo | undefined;
let loading: Promise<Mingo> | undefined;

async function load(): Promise<Mingo> {
  const [core, updater, util, query] = await Promise.all([
    import("mingo"),
    import("mingo/updater"),
    import("mingo/util"),
    import("mingo/operators/query") as Promise<typeof QueryOperators>,
  ]);
  loaded = {
    Query: core.Query,
    Aggregator: core.Aggregator,
    update: core.update,
    updateOne: core.updateOne,
    leanUpdate: updater.update,
    MingoError: util.MingoError,
    queryOnly: { idKey: "_id", context: core.Context.init({ query: { ...query } }) },
    updateOnly: { idKey: "_id", context: core.Context.init() },
  };
  return loaded;
}

/** Loads mingo once; `undefined` once it is loaded, so callers stay synchronous after the first use. */
export function loadMingo(): Promise<Mingo> | undefined {
  if (loaded !== undefined) return undefined;
  loading ??= load();
  return loading;
}

/** mingo, after `loadMingo()`; throws before (a caller that skipped the load). */
export function mingo(): Mingo {
  if (loaded === undefined) throw new Error(kitMessage("internal error: mingo used before loadMingo()."));
  return loaded;
}

/** mingo if it is loaded (no mingo error can have been thrown before). */
export const mingoIfLoaded = (): Mingo | undefined => loaded;
