import { AppServicesError } from "../errors.js";
import type { MockServiceClient } from "../functions/types.js";
import { kitMessage } from "../logger.js";
import {
  type ChangeEvent,
  createCollectionHandle,
  type Doc,
  type DocMap,
  idKey,
  isMongoActionError,
  type MongoCollectionHandle,
  type MongoEnv,
  type Namespace,
  runAction,
  WatchHub,
  type WatchOptions,
} from "../mongodb/index.js";
import { loadMingo } from "../mongodb/mingo.js";
import { type CheckedStore, runCheckedAction } from "../rules/checked-actions.js";
import { attachRules, type RuleActor, RulesEngine } from "../rules/engine.js";
import { ruleWatchGuard } from "../rules/watch-guard.js";
import type { AppRuntime } from "../runtime.js";
import { carryIndexes, collectionDocs, namespaceKey } from "../state/collections.js";
import { toLocalBson } from "./foreign-bson.js";

export const DEFAULT_SERVICE = "mongodb-atlas";

/** The methods of a collection handle (functions, tests and the function sandbox call these). */
export const HANDLE_METHODS = [
  "find",
  "findOne",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "aggregate",
  "count",
  "insertOne",
  "insertMany",
  "deleteOne",
  "deleteMany",
  "updateOne",
  "updateMany",
] as const;

/**
 * The names of the app's MongoDB data sources: `services` (default `["mongodb-atlas"]`) plus every service named
 * in the seed data and in the custom user data settings.
 *
 * FIDELITY: realm-web's fallback service name `"mongo-db"` (a `mongoClient()` without a name) is not configured
 * by default; like a real app without such a data source, it is answered with ServiceNotFound. Add it to
 * `createMockApp({ services })` to use it.
 */
function serviceNames(runtime: AppRuntime): ReadonlySet<string> {
  const { options } = runtime;
  return new Set([
    ...(options.services ?? [DEFAULT_SERVICE]),
    ...Object.keys(options.data ?? {}),
    ...(options.customUserData ? [options.customUserData.serviceName ?? DEFAULT_SERVICE] : []),
    ...Object.keys(options.rules ?? {}),
    ...(options.schemas ?? []).map((s) => s.service),
  ]);
}

/** Turns a MongoDB layer error into the catalogued wire error; anything else is rethrown as is. */
export function toServiceError(error: unknown, action: string): unknown {
  if (!isMongoActionError(error)) return error;
  if (error.code === "ServiceCommandNotFound") return new AppServicesError("ServiceCommandNotFound", action);
  return new AppServicesError(error.code, error.message);
}

/**
 * The app's MongoDB data sources over `runtime.state.collections`. Every write (wire call, function, test) goes
 * through `commit`: one synchronous state update, then the change events to open watch streams and one
 * `mongodb-write` journal event. Data sources named in `createMockApp({ rules })` are rule-checked for client
 * calls and user functions (`runFor`, `watch` with an actor, handles with an actor); others allow everything.
 */
export class MongoServices {
  readonly hub = new WatchHub();
  readonly env: MongoEnv;
  /** The collection rules (`createMockApp({ rules })`). */
  readonly rules: RulesEngine;
  readonly #runtime: AppRuntime;
  readonly #names: ReadonlySet<string>;
  #ordinal = 0;

  constructor(runtime: AppRuntime) {
    this.#runtime = runtime;
    this.#names = serviceNames(runtime);
    this.rules = new RulesEngine(runtime.options.rules, { values: runtime.options.values ?? {} });
    attachRules(runtime, this.rules);
    const realDelete = runtime.options.mongodb?.realFindOneAndDelete === true;
    this.env = {
      objectId: () => runtime.ids.objectId(),
      now: () => runtime.now(),
      nextEventOrdinal: () => ++this.#ordinal,
      findOneAndDelete: realDelete ? "delete" : "replace-with-id",
    };
    // Client cancellation never reaches an MSW stream (§12.2): the kit ends every stream itself.
    runtime.onReset(() => {
      this.hub.closeAll();
      this.#ordinal = 0;
    });
  }

  has(service: string): boolean {
    return this.#names.has(service);
  }

  /** Throws ServiceNotFound for a service the app does not have. */
  require(service: string): void {
    if (!this.has(service)) throw new AppServicesError("ServiceNotFound", service);
  }

  /**
   * Runs one wire action (`functions/call` with `service`) for a request (`scope`: its runtime view) and returns its
   * result. A refused action writes nothing (and the pipeline gives its ids back).
   */
  run(scope: AppRuntime, ns: Namespace, action: string, arg: Doc, actor: string | null): unknown {
    const before = collectionDocs(scope.state, this.#key(ns));
    try {
      const outcome = scope.refusable(() => runAction(action, arg, before, this.#envFor(scope), ns));
      if (outcome.docs !== before || outcome.changes.length > 0) {
        this.#commit(scope, ns, outcome.docs, outcome.changes, action, actor);
      }
      return outcome.result;
    } catch (error) {
      throw toServiceError(error, action);
    }
  }

  /** Runs one wire action for a user: under the collection rules when the service has some, else as `run`. */
  async runFor(
    scope: AppRuntime,
    ns: Namespace,
    action: string,
    arg: Doc,
    actor: RuleActor,
  ): Promise<unknown> {
    const loading = loadMingo();
    if (loading !== undefined) await loading;
    const rules = this.rules.forCollection(ns, actor);
    if (rules === undefined) return this.run(scope, ns, action, arg, actor.user.id);
    try {
      const store = this.#store(scope, ns, actor.user.id);
      return await runCheckedAction(action, arg, { rules, store, env: this.#envFor(scope), ns });
    } catch (error) {
      throw toServiceError(error, action);
    }
  }

  /** Opens a watch stream on a collection (changes from now on); with an actor, under the collection rules. */
  watch(ns: Namespace, options: WatchOptions, actor?: RuleActor): ReadableStream<Uint8Array> {
    const rules = actor === undefined ? undefined : this.rules.forCollection(ns, actor);
    try {
      return this.hub.open(ns, rules === undefined ? options : { ...options, guard: ruleWatchGuard(rules) });
    } catch (error) {
      throw toServiceError(error, "watch");
    }
  }

  /**
   * A collection handle; `actor` is the user id written into `mongodb-write` events (null: system or test).
   * With `scope` (function contexts: the runtime view of the request that started the call), writes after a reset
   * or restore are refused: a function that outlived its test (timed out, still running) must not write into the
   * next test's data. With `checkedAs` (functions running as a user), every call is rule-checked for that user when
   * the service has rules.
   */
  collection<T extends Doc = Doc>(
    ns: Namespace,
    actor: string | null,
    scope: AppRuntime = this.#runtime,
    checkedAs?: RuleActor,
  ): MongoCollectionHandle<T> {
    const execute =
      checkedAs !== undefined && this.rules.has(ns.service)
        ? (action: string, arg: Doc) => this.runFor(scope, ns, action, arg, checkedAs)
        : undefined;
    const handle = createCollectionHandle<T>(
      {
        get: () => collectionDocs(this.#runtime.state, this.#key(ns)),
        set: (docs, changes, action) => this.#commit(scope, ns, docs, changes, action, actor),
        refusable: (step) => scope.refusable(step),
      },
      this.#envFor(scope),
      ns,
      execute,
    );
    // Values from realm-web (bson 4) are accepted: tests often pass ids they got from the client.
    const wrapped: Record<string, unknown> = { namespace: handle.namespace };
    for (const name of HANDLE_METHODS) {
      const method = handle[name] as (...args: unknown[]) => unknown;
      wrapped[name] = (...args: unknown[]) => method(...args.map(toLocalBson));
    }
    return wrapped as unknown as MongoCollectionHandle<T>;
  }

  /**
   * `context.services.get(name)` (`"wire"` errors, writes fenced by the request's runtime view, rules checked for
   * `checkedAs`) and `mock.service(name)` (`"kit"` errors, never stale, no rules).
   */
  client(
    service: string,
    actor: string | null,
    onMissing: "wire" | "kit",
    scope?: AppRuntime,
    checkedAs?: RuleActor,
  ): MockServiceClient {
    if (!this.has(service)) {
      if (onMissing === "wire") throw new AppServicesError("ServiceNotFound", service);
      throw new Error(
        kitMessage(
          `No MongoDB service named "${service}". Known: ${[...this.#names].join(", ")}. ` +
            "Pass it in createMockApp({ services }).",
        ),
      );
    }
    return {
      db: (database) => ({
        collection: <T extends Doc = Doc>(collection: string) =>
          this.collection<T>({ service, database, collection }, actor, scope, checkedAs),
      }),
    };
  }

  /** The environment of a request: ids drawn from its view, so a refused request can give them back. */
  #envFor(scope: AppRuntime): MongoEnv {
    return scope === this.#runtime ? this.env : { ...this.env, objectId: () => scope.ids.objectId() };
  }

  #key(ns: Namespace): string {
    return namespaceKey(ns.service, ns.database, ns.collection);
  }

  /** Where a rule-checked action reads and commits. */
  #store(scope: AppRuntime, ns: Namespace, actor: string | null): CheckedStore {
    const runtime = scope;
    return {
      get: () => collectionDocs(runtime.state, this.#key(ns)),
      // The request view refuses the commit once a reset ran (MockAppReset).
      commit: (docs, changes, action) => this.#commit(scope, ns, docs, changes, action, actor),
      position: () => [runtime.idPosition, this.#ordinal],
      rewind: (to, from) => {
        if (runtime.idPosition !== from[0] || this.#ordinal !== from[1]) return;
        runtime.rewindIds(to[0] ?? runtime.idPosition, runtime.idPosition);
        this.#ordinal = to[1] ?? this.#ordinal;
      },
    };
  }

  #commit(
    scope: AppRuntime,
    ns: Namespace,
    docs: DocMap,
    changes: ChangeEvent[],
    operation: string,
    actor: string | null,
  ): void {
    const key = this.#key(ns);
    const before = collectionDocs(scope.state, key);
    // Every changed document has its change event: the indexes follow them instead of being rebuilt.
    if (changes.length > 0)
      carryIndexes(
        before,
        docs,
        changes.map((change) => idKey(change.documentKey._id)),
      );
    scope.update((s) => ({ ...s, collections: s.collections.set(key, docs) }));
    this.hub.publish(ns, changes, before);
    if (changes.length > 0) {
      scope.emit({
        type: "mongodb-write",
        userId: actor,
        namespace: `${ns.database}.${ns.collection}`,
        operation,
        count: changes.length,
      });
    }
  }
}
