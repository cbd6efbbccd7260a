// `app-services-mock/client`: a small typed client of the control routes (`/__mock/v1/apps/:appId/…`) of
// `app-services-mock serve`, for tests that run in another process or a browser (Playwright, Cypress). Fetch-based
// and browser-safe: it imports nothing but bson's EJSON.
import { EJSON } from "bson";
import type { OutboxFilter } from "../control/outbox-api.js";
import type { MockUser } from "../control/users-api.js";
import type { ErrorCode } from "../errors.js";
import type { MockEvent, MockEventOf, MockEventType } from "../events/types.js";
import type { FaultCommand, FaultCommandResult } from "../faults/command.js";
import type { SeedUser } from "../seed.js";
import type { OutboxMessage } from "../state/types.js";

/** Options of `createControlClient`. */
export interface ControlClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:9090`. */
  readonly baseUrl: string;
  /** The app id the server serves (the demo app: `demo-app`). */
  readonly appId: string;
  /** The fetch to use; default: the global one, read at each call. */
  readonly fetch?: typeof fetch;
}

/** Which events to list. */
export interface ControlEventFilter<T extends MockEventType = MockEventType> {
  type?: T | readonly T[];
  userId?: string;
}

/** The control routes, typed like the in-process `MockApp` handles they call. */
export interface ControlClient {
  /** Back to the seed: users, sessions, data, journal; open watch streams are closed. */
  reset(): Promise<void>;
  /** Keeps the current state on the server; returns its id for `restore`. */
  snapshot(): Promise<string>;
  restore(snapshotId: string): Promise<void>;
  readonly users: {
    list(): Promise<MockUser[]>;
    get(id: string): Promise<MockUser>;
    create(user: SeedUser): Promise<MockUser>;
    disable(id: string): Promise<void>;
    enable(id: string): Promise<void>;
    delete(id: string): Promise<void>;
    /** Ends every session of the user; answers how many there were. */
    revokeSessions(id: string): Promise<number>;
  };
  readonly outbox: {
    list(filter?: OutboxFilter): Promise<OutboxMessage[]>;
    clear(): Promise<void>;
  };
  readonly events: {
    list<T extends MockEventType = MockEventType>(filter?: ControlEventFilter<T>): Promise<MockEventOf<T>[]>;
    clear(): Promise<void>;
  };
  readonly clock: {
    now(): Promise<number>;
    /** Moves the app's clock forward by `ms` (tokens expire by it); answers the new time. */
    advance(ms: number): Promise<number>;
  };
  /**
   * Faults and token lifecycle, as `applyFaultCommand` takes them: `{ action: "inject", fault }`, `clear`,
   * `list`, `expire-access-tokens`, `expire-refresh-tokens`, `set-token-ttls`.
   */
  faults(command: FaultCommand): Promise<FaultCommandResult>;
}

/** A control route answered with an error (`{ error, error_code }`, like App Services). */
export class ControlRequestError extends Error {
  override readonly name = "ControlRequestError";
  readonly status: number;
  readonly errorCode: ErrorCode | string;

  constructor(method: string, path: string, status: number, body: { error?: unknown; error_code?: unknown }) {
    const error = typeof body.error === "string" ? body.error : "no error message";
    super(`${method} ${path} failed with ${status}: ${error}`);
    this.status = status;
    this.errorCode = typeof body.error_code === "string" ? body.error_code : "";
  }
}

/** Creates a client of one app's control routes. */
export function createControlClient(options: ControlClientOptions): ControlClient {
  const root = `${options.baseUrl.replace(/\/+$/, "")}/__mock/v1/apps/${encodeURIComponent(options.appId)}`;
  const seg = encodeURIComponent;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const doFetch = options.fetch ?? globalThis.fetch;
    const response = await doFetch(`${root}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            headers: { "content-type": "application/json" },
            body: EJSON.stringify(body, { relaxed: true }),
          }),
    });
    const text = await response.text();
    const value: unknown = text === "" ? undefined : EJSON.parse(text, { relaxed: true });
    if (!response.ok) {
      const errorBody = typeof value === "object" && value !== null ? value : {};
      throw new ControlRequestError(method, path, response.status, errorBody);
    }
    return value as T;
  }

  const query = (params: Record<string, string | readonly string[] | undefined>) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const v of typeof value === "string" ? [value] : (value ?? [])) search.append(name, v);
    }
    const text = search.toString();
    return text === "" ? "" : `?${text}`;
  };

  return {
    reset: () => call("POST", "/reset"),
    snapshot: async () => (await call<{ id: string }>("POST", "/snapshots")).id,
    restore: (id) => call("POST", `/snapshots/${seg(id)}/restore`),
    users: {
      list: () => call("GET", "/users"),
      get: (id) => call("GET", `/users/${seg(id)}`),
      create: (user) => call("POST", "/users", user),
      disable: (id) => call("POST", `/users/${seg(id)}/disable`),
      enable: (id) => call("POST", `/users/${seg(id)}/enable`),
      delete: (id) => call("DELETE", `/users/${seg(id)}`),
      revokeSessions: async (id) =>
        (await call<{ revoked: number }>("POST", `/users/${seg(id)}/revoke-sessions`)).revoked,
    },
    outbox: {
      list: (filter = {}) => call("GET", `/outbox${query({ to: filter.to, kind: filter.kind })}`),
      clear: () => call("DELETE", "/outbox"),
    },
    events: {
      list: <T extends MockEventType>(filter: ControlEventFilter<T> = {}) =>
        call<MockEventOf<T>[]>("GET", `/events${query({ type: filter.type, userId: filter.userId })}`),
      clear: () => call("DELETE", "/events"),
    },
    clock: {
      now: async () => (await call<{ now: number }>("GET", "/clock")).now,
      advance: async (ms) => (await call<{ now: number }>("POST", "/clock/advance", { ms })).now,
    },
    faults: (command) => call<FaultCommandResult>("POST", "/faults", command),
  };
}

export type {
  FaultCommand,
  FaultCommandResult,
  MockEvent,
  MockEventOf,
  MockEventType,
  MockUser,
  OutboxFilter,
  OutboxMessage,
  SeedUser,
};
