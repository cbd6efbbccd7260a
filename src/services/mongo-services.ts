import { AppServicesError } from "../errors.js";
import type { MockServiceClient } from "../functions/types.js";
import { kitMessage } from "../logger.js";
import {
  type ChangeEvent,
  createCollectionHandle,
  type Doc,
  type DocMap,
  isMongoActionError,
  type MongoCollectionHandle,
  type MongoEnv,
  type Namespace,
  runAction,
  WatchHub,
  type WatchOptions,
} from "../mongodb/index.js";
import type { AppRuntime } from "../runtime.js";
import { collectionDocs, namespaceKey } from "../state/collections.js";
import { toLocalBson } from "./foreign-bson.js";

export const DEFAULT_SERVICE = "mongodb-atlas";

const HANDLE_METHODS = [
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
 * `mongodb-write` journal event.
 *
 * FIDELITY: there are no rules yet; every authenticated user may read and write every collection.
 */
const STALE_WRITE = "the mock app was reset while this function ran; its write was dropped";

export class MongoServices {
  readonly hub = new WatchHub();
  readonly env: MongoEnv;
  readonly #runtime: AppRuntime;
  readonly #names: ReadonlySet<string>;
  #ordinal = 0;

  constructor(runtime: AppRuntime) {
    this.#runtime = runtime;
    this.#names = serviceNames(runtime);
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

  /** Runs one wire action (`functions/call` with `service`) and returns its result. */
  run(ns: Namespace, action: string, arg: Doc, actor: string | null): unknown {
    const before = collectionDocs(this.#runtime.state, this.#key(ns));
    try {
      const outcome = runAction(action, arg, before, this.env, ns);
      if (outcome.docs !== before || outcome.changes.length > 0) {
        this.#commit(ns, outcome.docs, outcome.changes, action, actor);
      }
      return outcome.result;
    } catch (error) {
      throw toServiceError(error, action);
    }
  }

  /** Opens a watch stream on a collection (changes from now on). */
  watch(ns: Namespace, options: WatchOptions): ReadableStream<Uint8Array> {
    try {
      return this.hub.open(ns, options);
    } catch (error) {
      throw toServiceError(error, "watch");
    }
  }

  /**
   * A collection handle; `actor` is the user id written into `mongodb-write` events (null: system or test).
   * With `generation` (function contexts), writes after a reset or restore are refused: a function that outlived
   * its test (timed out, still running) must not write into the next test's data.
   */
  collection<T extends Doc = Doc>(
    ns: Namespace,
    actor: string | null,
    generation?: number,
  ): MongoCollectionHandle<T> {
    const handle = createCollectionHandle<T>(
      {
        get: () => collectionDocs(this.#runtime.state, this.#key(ns)),
        set: (docs, changes, action) => {
          if (generation !== undefined && generation !== this.#runtime.generation) {
            throw new AppServicesError("FunctionExecutionError", STALE_WRITE);
          }
          this.#commit(ns, docs, changes, action, actor);
        },
      },
      this.env,
      ns,
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
   * `context.services.get(name)` (`"wire"` errors, writes bound to the generation the call started in) and
   * `mock.service(name)` (`"kit"` errors, never stale).
   */
  client(
    service: string,
    actor: string | null,
    onMissing: "wire" | "kit",
    generation?: number,
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
          this.collection<T>({ service, database, collection }, actor, generation),
      }),
    };
  }

  #key(ns: Namespace): string {
    return namespaceKey(ns.service, ns.database, ns.collection);
  }

  #commit(
    ns: Namespace,
    docs: DocMap,
    changes: ChangeEvent[],
    operation: string,
    actor: string | null,
  ): void {
    const key = this.#key(ns);
    this.#runtime.update((s) => ({ ...s, collections: s.collections.set(key, docs) }));
    this.hub.publish(ns, changes);
    if (changes.length > 0) {
      this.#runtime.emit({
        type: "mongodb-write",
        userId: actor,
        namespace: `${ns.database}.${ns.collection}`,
        operation,
        count: changes.length,
      });
    }
  }
}
