import type { FaultEffectKind, RouteGroup } from "../faults/types.js";
import type { ProviderType } from "../seed.js";

interface EventBase {
  /** Clock time (epoch ms) at which it happened. */
  readonly at: number;
  /** Position in the journal, from 1. */
  readonly seq: number;
}

/** Everything the kit observed, one variant per kind (discriminated by `type`). */
export type MockEvent = EventBase &
  (
    | {
        readonly type: "user-created";
        readonly userId: string;
        readonly provider: ProviderType | "seed" | "test";
      }
    | {
        readonly type: "logged-in";
        readonly userId: string;
        readonly provider: ProviderType;
        readonly sessionId: string;
      }
    | { readonly type: "identity-linked"; readonly userId: string; readonly provider: ProviderType }
    | {
        readonly type: "access-token-refreshed";
        readonly userId: string;
        readonly sessionId: string;
        /** The custom user data the new token carries (`{}` when none). */
        readonly customData: Readonly<Record<string, unknown>>;
      }
    | { readonly type: "logged-out"; readonly userId: string; readonly sessionId: string }
    | { readonly type: "sessions-revoked"; readonly userId: string; readonly count: number }
    | { readonly type: "user-deleted"; readonly userId: string }
    | { readonly type: "user-disabled"; readonly userId: string }
    | { readonly type: "user-enabled"; readonly userId: string }
    | {
        readonly type: "function-called";
        readonly userId: string | null;
        readonly name: string;
        readonly arguments: readonly unknown[];
        readonly outcome:
          | { readonly ok: true; readonly result: unknown }
          | { readonly ok: false; readonly error: string; readonly errorCode: string };
      }
    | {
        readonly type: "api-key-created";
        readonly userId: string;
        readonly keyId: string;
        readonly name: string;
      }
    | { readonly type: "api-key-enabled"; readonly userId: string; readonly keyId: string }
    | { readonly type: "api-key-disabled"; readonly userId: string; readonly keyId: string }
    | { readonly type: "api-key-deleted"; readonly userId: string; readonly keyId: string }
    | {
        readonly type: "mongodb-write";
        readonly userId: string | null;
        readonly namespace: string;
        readonly operation: string;
        readonly count: number;
      }
    | {
        readonly type: "push-registered";
        readonly userId: string;
        readonly service: string;
        readonly registrationToken: string;
      }
    | { readonly type: "push-deregistered"; readonly userId: string; readonly service: string }
    | {
        /** An injected fault answered (or delayed, or cut) a request. */
        readonly type: "fault-injected";
        readonly faultId: string;
        readonly route: RouteGroup;
        readonly effect: FaultEffectKind;
        /** `METHOD /path` after `/api/client/v2.0`. */
        readonly request: string;
        readonly userId: string | null;
      }
    | {
        /** A test expired tokens (`mock.time.expireAccessTokens` / `expireRefreshTokens`). */
        readonly type: "tokens-expired";
        readonly token: "access" | "refresh";
        /** The user, or null for every user. */
        readonly userId: string | null;
        readonly sessions: number;
      }
    | {
        /** One session refreshed its access token more than the guard's threshold within its window. */
        readonly type: "refresh-loop";
        readonly userId: string;
        readonly sessionId: string;
        readonly refreshes: number;
        readonly windowMs: number;
        /** The request that last answered 401 to this session's access token (`METHOD /path`), if any. */
        readonly failingRoute: string | null;
      }
    | {
        /** A GraphQL request was executed (or refused by GraphQL validation). */
        readonly type: "graphql-executed";
        readonly userId: string;
        /** The operation's name; null for an anonymous operation or a request that did not parse. */
        readonly operationName: string | null;
        /** Null when no operation could be selected (syntax error, unknown `operationName`). */
        readonly operationType: "query" | "mutation" | "subscription" | null;
        /** The messages of the `errors` answered (empty on success). */
        readonly errors: readonly string[];
      }
  );

export type MockEventType = MockEvent["type"];

/** The event of one type. */
export type MockEventOf<T extends MockEventType> = Extract<MockEvent, { type: T }>;

/** What an emitter receives: an event without the fields the journal fills in. */
export type NewEvent = MockEvent extends infer E
  ? E extends MockEvent
    ? Omit<E, "at" | "seq">
    : never
  : never;
