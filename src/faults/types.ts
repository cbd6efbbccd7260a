import type { ErrorCode } from "../errors.js";

/** The route groups a fault can target. */
export const ROUTE_GROUPS = [
  "location",
  "login",
  "profile",
  "session",
  "functions",
  "mongodb",
  "watch",
  "api-keys",
  "email-password",
  "push",
  "graphql",
] as const;

/**
 * Which part of the client API a request belongs to: `login` (provider login and link), `profile`, `session`
 * (refresh, logout, delete user), `functions` (user function calls), `mongodb` (service actions), `watch`
 * (change streams), `api-keys`, `email-password`, `push`, `location`, `graphql`.
 */
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** What the kit knows about a request when it decides on faults. */
export interface RequestFacts {
  readonly group: RouteGroup;
  readonly method: string;
  /** The path after `/api/client/v2.0`. */
  readonly path: string;
  /** The user function or MongoDB action called (`functions`, `mongodb`, `watch`). */
  readonly functionName: string | undefined;
  /** `database.collection` of a MongoDB action or watch. */
  readonly namespace: string | undefined;
  /** The user named by the bearer token (not verified: faults fire before authentication). */
  readonly userId: string | undefined;
  /** The session named by the bearer token. */
  readonly sessionId: string | undefined;
}

/** What a predicate sees: the facts plus the request itself (headers; its body is already read) and the body text. */
export interface FaultRequest extends RequestFacts {
  readonly request: Request;
  readonly bodyText: string | null;
}

/** What a fault does to a request it fires on. Every variant is plain data (JSON). */
export type FaultEffect =
  | {
      /**
       * Answer an App Services error, rendered like a real one. `code` defaults to `InternalServerError` for
       * statuses ≥ 500 and `BadRequest` otherwise; `status` to the code's status; `message` to its wording.
       */
      readonly kind: "error";
      readonly code?: ErrorCode;
      readonly status?: number;
      readonly message?: string;
    }
  | {
      /**
       * Hold the request for `ms`, then let the route answer. `clock: "mock"` (default) waits until the mock's
       * clock has moved by `ms` (`mock.clock.advance`, or `vi.advanceTimersByTime` under fake timers);
       * `"real"` waits real milliseconds whatever the timers.
       */
      readonly kind: "delay";
      readonly ms: number;
      readonly clock?: "mock" | "real";
    }
  | {
      /** Drop the connection: the client's `fetch` rejects (`TypeError: Failed to fetch` under MSW). */
      readonly kind: "network-error";
    }
  | {
      /**
       * Watch only: deliver `afterEvents` change events, then end the stream (`mode: "close"`, the default: the
       * client's iterator ends) or send an error event first (`"error"`: the client's iterator throws a
       * `WatchError` with code `InternalServerError`).
       */
      readonly kind: "cut-stream";
      readonly afterEvents: number;
      readonly mode?: "close" | "error";
    }
  | {
      /** `429 TooManyRequests` with `Retry-After` (seconds, default 1). */
      readonly kind: "rate-limit";
      readonly retryAfterSeconds?: number;
    }
  | {
      /** `503 ServiceUnavailable` with `Retry-After` (seconds, default 1). */
      readonly kind: "unavailable";
      readonly retryAfterSeconds?: number;
    };

export type FaultEffectKind = FaultEffect["kind"];

/** Which requests a fault fires on, how often, and what it does. Plain data except `when`. */
export interface FaultSpec {
  /** The route group(s) it targets. */
  readonly route: RouteGroup | readonly RouteGroup[];
  /** Only calls of this user function, or this MongoDB action (`insertOne`, `find`, `watch`…). */
  readonly functionName?: string;
  /** Only MongoDB actions and watches on `database.collection`. */
  readonly namespace?: string;
  /** Only requests whose bearer token names this user. */
  readonly userId?: string;
  /** Any other condition over the request (not serialisable: the control routes cannot send one). */
  readonly when?: (request: FaultRequest) => boolean;
  /** Fire on the next `times` matching requests (default 1), or on every one (`"always"`). */
  readonly times?: number | "always";
  /** Fire on each matching request with this probability (0–1), drawn from a seeded source. Default 1. */
  readonly probability?: number;
  /** Seed of that source. Default: the app's id seed plus the fault's position since the last reset. */
  readonly seed?: string;
  readonly effect: FaultEffect;
}

/** A fault as `mock.faults.list()` shows it. */
export interface FaultInfo {
  readonly id: string;
  /** The spec without its predicate (plain data). */
  readonly spec: Omit<FaultSpec, "when">;
  readonly hasPredicate: boolean;
  /** How often it fired. */
  readonly fired: number;
  /** How many more times it fires (`"always"` for unlimited). */
  readonly remaining: number | "always";
}

/** The handle `inject` returns. */
export interface FaultHandle {
  readonly id: string;
  /** How often it fired so far. */
  readonly fired: number;
  /** False once spent, cleared, or dropped by a reset. */
  readonly active: boolean;
  clear(): void;
}

/** Fault injection (`mock.faults`). */
export interface MockFaults {
  /** Adds a fault; it fires on matching requests until spent, cleared, or `reset()`. */
  inject(spec: FaultSpec): FaultHandle;
  /** Removes the fault with this id, or every fault (`reset()` does too). Returns how many it removed. */
  clear(id?: string): number;
  /** The active faults, oldest first. */
  list(): FaultInfo[];
}
