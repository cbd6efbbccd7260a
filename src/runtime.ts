import { Map as ImMap, List, OrderedMap } from "immutable";
import type { Clock } from "./clock.js";
import { AppServicesError } from "./errors.js";
import type { MockEvent, NewEvent } from "./events/types.js";
import { createIdSource, type IdSource, randomHex } from "./ids.js";
import { kitMessage, type Logger } from "./logger.js";
import type { MockAppOptions } from "./options.js";
import type { ProviderConfigs } from "./providers/config.js";
import type { ProviderType } from "./seed.js";
import type { State } from "./state/types.js";

export const DEFAULT_BASE_URL = "https://services.cloud.mongodb.com";
const DAY = 24 * 60 * 60;

/** A point the app can go back to: the state value plus the id sequence position. O(1) to take and restore. */
export interface Snapshot {
  readonly state: State;
  readonly idCounter: number;
}

export type EventListener = (event: MockEvent) => void;

interface Core {
  current: State;
  seed: Snapshot;
  idCounter: number;
  /** Never rewound by reset/restore, so a token minted before a reset can never name a later session. */
  sessionSerial: number;
  closed: boolean;
  resets: number;
  /** Snapshots this app made (`restore` takes no other value). */
  snapshots: WeakSet<Snapshot>;
  /** Who drew the latest ids (the app or a request view) and where that run of draws started. */
  lastDrawer: object | undefined;
  runStart: number;
}

/**
 * A lifetime must be at least a second: a token minted already expired would make realm-web refresh and retry
 * forever (every new access token answered 401 InvalidSession).
 */
function positive(name: string, seconds: number): number {
  if (!Number.isFinite(seconds) || seconds < 1) {
    throw new Error(
      kitMessage(`createMockApp({ ${name} }) must be a number of seconds ≥ 1, got ${seconds}.`),
    );
  }
  return seconds;
}

export const emptyState = (): State => ({
  users: OrderedMap(),
  identities: ImMap(),
  accounts: ImMap(),
  sessions: ImMap(),
  apiKeys: OrderedMap(),
  collections: ImMap(),
  journal: List(),
  outbox: List(),
  pushRegistrations: OrderedMap(),
});

/**
 * The live core of one mock app: configuration, clock, ids, signing secret and the current state. Operations
 * read `state` and change it only through `update`, synchronously, so no change is lost between awaits.
 */
export class AppRuntime {
  readonly id: string;
  readonly baseUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ids: IdSource;
  /** Identifies this instance in token headers (`kid`), so several mocks can share one MSW server. */
  readonly instanceKey: string;
  /** The WebCrypto form of `signingSecret`, imported on first use (see `signingKey`); shared with request views. */
  private readonly webKey: { key?: Promise<CryptoKey> } = {};
  /** The raw bytes of `signingKey`, for the synchronous HMAC path (src/hmac-sync.ts). */
  readonly signingSecret: Uint8Array<ArrayBuffer>;
  /** Lifetimes of tokens minted from now on; `mock.time.setTokenTtls` changes them until the next reset. */
  accessTtl: number;
  refreshTtl: number;
  readonly options: MockAppOptions;
  /** Stable ids shown on the wire. */
  readonly domainId: string;
  private readonly enabledProviders: ReadonlySet<ProviderType>;
  /**
   * Everything that changes, in one object shared with every request view (`forRequest`): a view inherits it
   * through its prototype, so `this.core.x = …` always reaches the one app. Never add a mutable primitive field to
   * this class: written through a view, it would land on the view.
   */
  private readonly core: Core = {
    current: emptyState(),
    seed: { state: emptyState(), idCounter: 0 },
    idCounter: 0,
    sessionSerial: 0,
    closed: false,
    resets: 0,
    lastDrawer: undefined,
    runStart: 0,
    snapshots: new WeakSet(),
  };
  /** The generation a request view was created in; undefined on the app itself (tests, seeding: never stale). */
  private readonly fence: number | undefined = undefined;
  /** A request view's own record: whether it changed the state (then the ids it drew are in use). */
  private readonly trace: { wrote: boolean } | undefined = undefined;
  private readonly idSeed: string;
  /** The app itself, also when reached through a request view (key of per-app caches). */
  readonly root: AppRuntime = this;
  private readonly listeners = new Set<EventListener>();
  private readonly resetHooks = new Set<() => void>();

  constructor(options: MockAppOptions, clock: Clock, logger: Logger) {
    this.options = options;
    this.id = options.id ?? "mock-app";
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.clock = clock;
    this.logger = logger;
    this.accessTtl = positive("tokens.accessTokenTtlSeconds", options.tokens?.accessTokenTtlSeconds ?? 1800);
    this.refreshTtl = positive(
      "tokens.refreshTokenTtlSeconds",
      options.tokens?.refreshTokenTtlSeconds ?? 60 * DAY,
    );
    this.idSeed = options.idSeed ?? this.id;
    this.ids = this.idsFor(this);
    const providers = options.providers;
    this.enabledProviders = new Set(
      providers === undefined
        ? (["anon-user", "local-userpass"] as const)
        : (Object.keys(providers) as ProviderType[]).filter(
            (p) => providers[p] !== false && providers[p] !== undefined,
          ),
    );
    this.signingSecret = crypto.getRandomValues(new Uint8Array(32));
    this.instanceKey = randomHex(12);
    this.domainId = createIdSource({ seed: `${this.id}:domain`, now: () => 0, next: () => 0 }).hex();
  }

  /**
   * The HS256 key every token of this app is signed with, for WebCrypto (jose): imported once, on first use, as
   * most apps never need it (Node signs and verifies the kit's own tokens with a synchronous HMAC).
   */
  get signingKey(): Promise<CryptoKey> {
    this.webKey.key ??= crypto.subtle.importKey(
      "raw",
      this.signingSecret,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    return this.webKey.key;
  }

  providerEnabled(type: ProviderType): boolean {
    return this.enabledProviders.has(type);
  }

  /** The settings object of a provider (`{}` when it is on with defaults, undefined when off). */
  providerConfig<P extends ProviderType>(type: P): ProviderConfigs[P] | undefined {
    if (!this.enabledProviders.has(type)) return undefined;
    const value: unknown = this.options.providers?.[type];
    return (typeof value === "object" && value !== null ? value : {}) as ProviderConfigs[P];
  }

  get state(): State {
    return this.core.current;
  }

  /**
   * A view of this app for one request: it reads the live state, and its `update` and `emit` refuse once a
   * reset, restore or close ran after the view was made. The pipeline hands every route such a view, so work still
   * in flight from a previous test (an async login, a reset function, a journaled call) never writes into the
   * next test's state: the generation fence sits here, in one place, for every state change.
   */
  forRequest(): AppRuntime {
    const root = this.root;
    const view = Object.create(root) as AppRuntime;
    Object.defineProperties(view, {
      fence: { value: this.core.resets },
      trace: { value: { wrote: false } },
      ids: { value: root.idsFor(view) },
    });
    return view;
  }

  /** Ids drawn by `owner` (the app or a request view), from the one sequence. */
  private idsFor(owner: object): IdSource {
    return createIdSource({
      seed: this.idSeed,
      now: () => this.clock.now(),
      next: () => {
        const core = this.core;
        if (core.lastDrawer !== owner) {
          core.lastDrawer = owner;
          core.runStart = core.idCounter;
        }
        return core.idCounter++;
      },
    });
  }

  /**
   * After a refusal: gives the ids this request view drew back to the sequence, when it changed nothing and no one
   * drew ids after it (so they are in use nowhere). A refused request then leaves the sequence as it found it.
   */
  releaseIds(): void {
    const core = this.core;
    if (this.trace === undefined || this.trace.wrote || core.lastDrawer !== this) return;
    core.idCounter = core.runStart;
    core.lastDrawer = undefined;
  }

  /** True when this is a request view made before the latest reset, restore or close. */
  get stale(): boolean {
    return this.fence !== undefined && this.fence !== this.core.resets;
  }

  /** Throws the kit's refusal when this request view is stale (see `forRequest`). */
  assertCurrent(): void {
    if (this.stale) throw new AppServicesError("MockAppReset");
  }

  /** Applies a synchronous change to the state (refused for a stale request view: see `forRequest`). */
  update(change: (state: State) => State): State {
    this.assertCurrent();
    this.core.current = change(this.core.current);
    if (this.trace) this.trace.wrote = true;
    return this.core.current;
  }

  /**
   * Runs a synchronous step that may be refused: when it throws, the ids it drew are given back, so a refused
   * request consumes no ids (an upsert refused after its `_id` was generated, an insertMany with a duplicate).
   */
  refusable<T>(step: () => T): T {
    const core = this.core;
    const { idCounter, lastDrawer, runStart } = core;
    try {
      return step();
    } catch (error) {
      Object.assign(core, { idCounter, lastDrawer, runStart });
      throw error;
    }
  }

  /** Makes the current state the seed that `reset()` returns to. */
  sealSeed(): void {
    this.core.seed = this.snapshot();
  }

  snapshot(): Snapshot {
    const snapshot = Object.freeze({ state: this.core.current, idCounter: this.core.idCounter });
    this.core.snapshots.add(snapshot);
    return snapshot;
  }

  /** The position of the id sequence. */
  get idPosition(): number {
    return this.core.idCounter;
  }

  /** Gives back the ids taken since `position` when the sequence is still at `expected` (a refused write). */
  rewindIds(position: number, expected: number): void {
    if (this.core.idCounter === expected) this.core.idCounter = position;
  }

  restore(snapshot: Snapshot): void {
    if (!this.core.snapshots.has(snapshot)) {
      throw new TypeError(
        kitMessage(
          `mock.restore(snapshot) takes a value this mock app's snapshot() returned (got ${snapshot === null ? "null" : typeof snapshot}).`,
        ),
      );
    }
    this.goBackTo(snapshot);
  }

  reset(): void {
    this.goBackTo(this.core.seed);
  }

  private goBackTo(snapshot: Snapshot): void {
    this.core.resets += 1;
    this.core.current = snapshot.state;
    this.core.idCounter = snapshot.idCounter;
    this.core.lastDrawer = undefined;
    for (const hook of this.resetHooks) hook();
  }

  /** True once `close()` ran: the pipeline answers nothing but the refusals of a request no mock owns. */
  get closed(): boolean {
    return this.core.closed;
  }

  /** Back to the seed (closing streams), then stops answering. */
  close(): void {
    this.reset();
    this.core.closed = true;
  }

  /** Runs on every reset/restore (closing watch streams, dropping runtime faults). */
  onReset(hook: () => void): void {
    this.resetHooks.add(hook);
  }

  now(): number {
    return this.clock.now();
  }

  /** A session id unique for the life of this mock app (not part of the deterministic id sequence). */
  nextSessionId(): string {
    this.core.sessionSerial += 1;
    return `${this.core.sessionSerial.toString(16).padStart(8, "0")}${this.instanceKey.slice(0, 16)}`;
  }

  /** Appends an event to the journal and notifies listeners (a throwing listener is logged, never rethrown). */
  emit(event: NewEvent): MockEvent {
    const full = { ...event, at: this.now(), seq: this.core.current.journal.size + 1 } as MockEvent;
    // A stale request's event (a function call that outlived its test) is dropped, never journaled.
    if (this.stale) return full;
    this.update((s) => ({ ...s, journal: s.journal.push(full) }));
    for (const listener of [...this.listeners]) {
      try {
        listener(full);
      } catch (error) {
        this.logger.warn(`An event listener threw while handling "${full.type}".`, error);
      }
    }
    return full;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
