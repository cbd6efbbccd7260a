import type { AppRuntime } from "../runtime.js";
import type { OutboxMessage } from "../state/types.js";

/** Which outbox messages to list. */
export interface OutboxFilter {
  to?: string;
  kind?: OutboxMessage["kind"];
}

/**
 * Messages App Services would have e-mailed (confirmation and password-reset links), plus the token pairs of
 * confirmation/reset functions that answered "pending" (`via: "function"`). Finish a flow with
 * `app.emailPasswordAuth.confirmUser({ token, tokenId })` or `resetPassword({ token, tokenId, password })`.
 */
export interface MockOutbox {
  /** Messages, oldest first. */
  list(filter?: OutboxFilter): OutboxMessage[];
  /** The newest message (to one address, when given), or undefined. */
  last(to?: string): OutboxMessage | undefined;
  /** Forgets every message (token pairs stay valid). */
  clear(): void;
}

export function createOutboxApi(runtime: AppRuntime): MockOutbox {
  const list = ({ to, kind }: OutboxFilter = {}) =>
    runtime.state.outbox
      .filter((m) => (to === undefined || m.to === to) && (kind === undefined || m.kind === kind))
      .toArray();
  return {
    list,
    last: (to) => list(to === undefined ? {} : { to }).at(-1),
    clear: () => {
      runtime.update((s) => ({ ...s, outbox: s.outbox.clear() }));
    },
  };
}
