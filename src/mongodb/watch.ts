import type { Query } from "mingo";
import { compileFilter } from "./engine.js";
import { MongoActionError, reasonOf } from "./errors.js";
import { idKey } from "./id-key.js";
import { frameChangeEvent, frameWatchError } from "./sse.js";
import type { ChangeEvent, Doc, DocMap, Namespace } from "./types.js";
import { validateArgument } from "./validate.js";

/**
 * Rewrites a change event for one stream before its ids and filter see it, or drops it (undefined); `before` is
 * the document before the change, when the publisher knows it. Used by collection rules.
 */
export type WatchGuard = (change: ChangeEvent, before: Doc | undefined) => Promise<ChangeEvent | undefined>;

/** Which changes a watch stream wants: `ids` by `documentKey._id`, `filter` matched against the change event. */
export interface WatchOptions {
  ids?: unknown[] | undefined;
  filter?: Doc | undefined;
  guard?: WatchGuard | undefined;
}

interface Subscriber {
  ns: Namespace;
  ids: Set<string> | undefined;
  filter: Query | undefined;
  guard: WatchGuard | undefined;
  /** Guarded deliveries, in publication order. */
  queue: Promise<void>;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

const sameNamespace = (a: Namespace, b: Namespace): boolean =>
  a.service === b.service && a.database === b.database && a.collection === b.collection;

/**
 * Compiles a watch filter and tries it once on an empty event, so that an operator mingo only resolves while
 * matching (`$expr: { $foo: 1 }`) is refused when the stream opens, not on the first change.
 */
function checkedFilter(filter: Doc): Query {
  const query = compileFilter(filter);
  try {
    query.test({});
  } catch (error) {
    throw new MongoActionError("MongoDBError", `watch: ${reasonOf(error)}`);
  }
  return query;
}

/**
 * Fans change events out to open watch streams. Client cancellation does not reach MSW streams in Node (§12.2), so
 * the owner must call `closeAll()` on reset and close, or open streams keep the test process alive.
 */
export class WatchHub {
  readonly #subscribers = new Set<Subscriber>();
  readonly #encoder = new TextEncoder();

  /** Number of open streams. */
  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * Opens an SSE stream (`text/event-stream` body) that receives the changes published after this call.
   * Throws `MongoActionError` (MongoDBError) for an invalid filter.
   */
  open(ns: Namespace, options: WatchOptions = {}): ReadableStream<Uint8Array> {
    validateArgument("watch", { ids: options.ids, filter: options.filter });
    const ids = options.ids ? new Set(options.ids.map(idKey)) : undefined;
    const filter =
      options.filter && Object.keys(options.filter).length > 0 ? checkedFilter(options.filter) : undefined;
    let subscriber: Subscriber | undefined;
    return new ReadableStream<Uint8Array>({
      start: (controller) => {
        subscriber = {
          ns: { ...ns },
          ids,
          filter,
          guard: options.guard,
          queue: Promise.resolve(),
          controller,
        };
        this.#subscribers.add(subscriber);
      },
      cancel: () => {
        if (subscriber) this.#subscribers.delete(subscriber);
      },
    });
  }

  /**
   * Delivers `changes` (in order) to every open stream on `ns` whose ids and filter accept them; `before` holds the
   * documents before the changes (for guards).
   */
  publish(ns: Namespace, changes: readonly ChangeEvent[], before?: DocMap): void {
    if (changes.length === 0) return;
    for (const subscriber of [...this.#subscribers]) {
      if (!sameNamespace(subscriber.ns, ns)) continue;
      const guard = subscriber.guard;
      if (guard === undefined) {
        this.#deliver(subscriber, changes);
        continue;
      }
      subscriber.queue = subscriber.queue.then(async () => {
        const guarded: ChangeEvent[] = [];
        for (const change of changes) {
          const prior = before?.get(idKey(change.documentKey._id));
          const kept = await guard(change, prior).catch(() => undefined);
          if (kept !== undefined) guarded.push(kept);
        }
        this.#deliver(subscriber, guarded);
      });
    }
  }

  #deliver(subscriber: Subscriber, changes: readonly ChangeEvent[]): void {
    let wanted: ChangeEvent[];
    try {
      wanted = changes.filter(
        (change) =>
          (subscriber.ids === undefined || subscriber.ids.has(idKey(change.documentKey._id))) &&
          (subscriber.filter === undefined || subscriber.filter.test(change as unknown as Doc)),
      );
    } catch (error) {
      // A filter that fails on a later event ends its own stream with an error; the writer and the other streams
      // never notice.
      this.#fail(subscriber, "MongoDBError", `watch: ${reasonOf(error)}`);
      return;
    }
    if (wanted.length > 0) this.#send(subscriber, wanted.map(frameChangeEvent).join(""));
  }

  /** Sends an `event: error` message to every open stream (optionally only on `ns`) and closes them. */
  failAll(errorCode: string, error: string, ns?: Namespace): void {
    for (const subscriber of [...this.#subscribers]) {
      if (ns && !sameNamespace(subscriber.ns, ns)) continue;
      this.#fail(subscriber, errorCode, error);
    }
  }

  #fail(subscriber: Subscriber, errorCode: string, error: string): void {
    this.#send(subscriber, frameWatchError(errorCode, error));
    this.#close(subscriber);
  }

  /** Ends every open stream (readers see a normal end of stream). */
  closeAll(): void {
    for (const subscriber of [...this.#subscribers]) this.#close(subscriber);
  }

  #send(subscriber: Subscriber, text: string): void {
    try {
      // A copy made with the `Uint8Array` global of this moment: under Vitest's jsdom environment that is jsdom's
      // own constructor, which realm-web's `chunk instanceof Uint8Array` check expects (TextEncoder's bytes are
      // Node's). Elsewhere it is the same constructor and the copy is a few bytes.
      subscriber.controller.enqueue(new globalThis.Uint8Array(this.#encoder.encode(text)));
    } catch {
      // The stream was closed or errored from the reader's side: forget it.
      this.#subscribers.delete(subscriber);
    }
  }

  #close(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
    try {
      subscriber.controller.close();
    } catch {
      // Already closed.
    }
  }
}
