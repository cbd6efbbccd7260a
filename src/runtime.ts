import { Map as ImMap, List, OrderedMap } from "immutable";
import type { Clock } from "./clock.js";
import type { MockEvent, NewEvent } from "./events/types.js";
import { createIdSource, type IdSource } from "./ids.js";
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
  /** The HS256 key every token of this app is signed with (imported once: importing per token costs ~40 µs). */
  readonly signingKey: Promise<CryptoKey>;
  readonly accessTtl: number;
  readonly refreshTtl: number;
  readonly options: MockAppOptions;
  /** Stable ids shown on the wire. */
  readonly domainId: string;
  private readonly enabledProviders: ReadonlySet<ProviderType>;
  private current: State = emptyState();
  private seed: Snapshot = { state: emptyState(), idCounter: 0 };
  private idCounter = 0;
  /** Never rewound by reset/restore, so a token minted before a reset can never name a later session. */
  private sessionSerial = 0;
  private isClosed = false;
  private resets = 0;
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
    this.ids = createIdSource({
      seed: options.idSeed ?? this.id,
      now: () => this.clock.now(),
      next: () => this.idCounter++,
    });
    const providers = options.providers;
    this.enabledProviders = new Set(
      providers === undefined
        ? (["anon-user", "local-userpass"] as const)
        : (Object.keys(providers) as ProviderType[]).filter(
            (p) => providers[p] !== false && providers[p] !== undefined,
          ),
    );
    this.signingKey = crypto.subtle.importKey(
      "raw",
      crypto.getRandomValues(new Uint8Array(32)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    this.instanceKey = Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString("hex");
    this.domainId = createIdSource({ seed: `${this.id}:domain`, now: () => 0, next: () => 0 }).hex();
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
    return this.current;
  }

  /** Applies a synchronous change to the state. */
  update(change: (state: State) => State): State {
    this.current = change(this.current);
    return this.current;
  }

  /** Makes the current state the seed that `reset()` returns to. */
  sealSeed(): void {
    this.seed = this.snapshot();
  }

  snapshot(): Snapshot {
    return { state: this.current, idCounter: this.idCounter };
  }

  /** Counts resets and restores: work started before one (a timed-out function) can tell it is stale. */
  get generation(): number {
    return this.resets;
  }

  /** The position of the id sequence. */
  get idPosition(): number {
    return this.idCounter;
  }

  /** Gives back the ids taken since `position` when the sequence is still at `expected` (a refused write). */
  rewindIds(position: number, expected: number): void {
    if (this.idCounter === expected) this.idCounter = position;
  }

  restore(snapshot: Snapshot): void {
    this.resets += 1;
    this.current = snapshot.state;
    this.idCounter = snapshot.idCounter;
    for (const hook of this.resetHooks) hook();
  }

  reset(): void {
    this.restore(this.seed);
  }

  /** True once `close()` ran: the pipeline passes every request on. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Back to the seed (closing streams), then stops answering. */
  close(): void {
    this.reset();
    this.isClosed = true;
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
    this.sessionSerial += 1;
    return `${this.sessionSerial.toString(16).padStart(8, "0")}${this.instanceKey.slice(0, 16)}`;
  }

  /** Appends an event to the journal and notifies listeners (a throwing listener is logged, never rethrown). */
  emit(event: NewEvent): MockEvent {
    const full = { ...event, at: this.now(), seq: this.current.journal.size + 1 } as MockEvent;
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
