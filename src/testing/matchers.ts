// The matchers' logic, runner-neutral: Vitest's and Jest's `expect.extend` both call them with this context.
import type { MockApp } from "../create-mock-app.js";
import type { MockEvent, MockEventOf, MockEventType } from "../events/types.js";
import type { ProviderType } from "../seed.js";

export type MatcherResult = { pass: boolean; message: () => string; actual?: unknown; expected?: unknown };

/** What both Vitest and Jest hand a matcher as `this`. */
export interface MatcherContext {
  isNot: boolean;
  equals(a: unknown, b: unknown): boolean;
  utils: { stringify(value: unknown, maxDepth?: number, options?: { min?: boolean }): string };
}

/** An asymmetric matcher (`expect.any(String)`, `expect.objectContaining(…)`), of any runner. */
export interface AsymmetricMatcherLike {
  asymmetricMatch(other: unknown): boolean;
}

/** The fields of an event of `type` a `toHaveEmitted` partial may name; a misspelt field is a type error. */
export type EventPartial<T extends MockEventType> = {
  [K in Exclude<keyof MockEventOf<T>, "type">]?: MockEventOf<T>[K] | AsymmetricMatcherLike;
};

const SHOWN = 12;

/** One line per event: `#3 logged-in user=65a… provider=local-userpass`. */
export function formatEvent(event: MockEvent): string {
  const { seq, type, at: _at, ...rest } = event;
  const fields = Object.entries(rest)
    .map(
      ([key, value]) =>
        `${key === "userId" ? "user" : key}=${typeof value === "string" ? value : JSON.stringify(value)}`,
    )
    .join(" ");
  return `  #${seq} ${type} ${fields}`;
}

/** The journal excerpt shown in failure messages: the matching type first, else the latest events. */
export function formatJournal(events: readonly MockEvent[], type?: MockEventType): string {
  const relevant = type === undefined ? [] : events.filter((e) => e.type === type);
  const shown = (relevant.length > 0 ? relevant : events).slice(-SHOWN);
  if (shown.length === 0) return "The journal is empty.";
  const title =
    relevant.length > 0
      ? `"${type}" events (${relevant.length}):`
      : `No "${type ?? "?"}" events; the last ${shown.length} of ${events.length} events:`;
  return `${type === undefined ? `Last ${shown.length} of ${events.length} events:` : title}\n${shown.map(formatEvent).join("\n")}`;
}

function isMockApp(value: unknown): value is MockApp {
  return typeof value === "object" && value !== null && "events" in value && "handlers" in value;
}

function check(received: unknown, matcher: string): MockApp {
  if (!isMockApp(received)) throw new TypeError(`${matcher} expects a mock app from createMockApp()`);
  return received;
}

function result(
  ctx: MatcherContext,
  pass: boolean,
  what: string,
  events: readonly MockEvent[],
  type: MockEventType,
): MatcherResult {
  return {
    pass,
    message: () =>
      `expected the mock app ${ctx.isNot ? "not " : ""}to have ${what}\n\n${formatJournal(events, type)}`,
  };
}

const idOf = (user: string | { id: string }) => (typeof user === "string" ? user : user.id);

/** Every field of `partial` is on the event and equal (asymmetric matchers included), as `objectContaining`. */
function contains(ctx: MatcherContext, event: MockEvent, partial: Record<string, unknown>): boolean {
  const fields = new Map<string, unknown>(Object.entries(event));
  return Object.entries(partial).every(
    ([key, value]) => fields.has(key) && ctx.equals(fields.get(key), value),
  );
}

export const matchers = {
  toHaveEmitted(
    this: MatcherContext,
    received: unknown,
    type: MockEventType,
    partial?: Record<string, unknown>,
  ) {
    const mock = check(received, "toHaveEmitted");
    const events = mock.events.list();
    const pass = events.some((e) => e.type === type && (partial === undefined || contains(this, e, partial)));
    const detail =
      partial === undefined ? "" : ` matching ${this.utils.stringify(partial, 10, { min: true })}`;
    return result(this, pass, `emitted "${type}"${detail}`, events, type);
  },
  toHaveLoggedIn(
    this: MatcherContext,
    received: unknown,
    user: string | { id: string },
    provider?: ProviderType,
  ) {
    const mock = check(received, "toHaveLoggedIn");
    const events = mock.events.list();
    const userId = idOf(user);
    const pass = events.some(
      (e) =>
        e.type === "logged-in" && e.userId === userId && (provider === undefined || e.provider === provider),
    );
    return result(
      this,
      pass,
      `logged in user ${userId}${provider ? ` with ${provider}` : ""}`,
      events,
      "logged-in",
    );
  },
  toHaveCalledFunction(this: MatcherContext, received: unknown, name: string, args?: readonly unknown[]) {
    const mock = check(received, "toHaveCalledFunction");
    const events = mock.events.list();
    const pass = events.some(
      (e) =>
        e.type === "function-called" &&
        e.name === name &&
        (args === undefined || this.equals(e.arguments, args)),
    );
    const detail = args === undefined ? "" : ` with ${this.utils.stringify(args, 10, { min: true })}`;
    return result(this, pass, `called function "${name}"${detail}`, events, "function-called");
  },
  toHaveInjectedFault(this: MatcherContext, received: unknown, partial?: Record<string, unknown>) {
    const mock = check(received, "toHaveInjectedFault");
    const events = mock.events.list();
    const pass = events.some(
      (e) => e.type === "fault-injected" && (partial === undefined || contains(this, e, partial)),
    );
    const detail =
      partial === undefined ? "" : ` matching ${this.utils.stringify(partial, 10, { min: true })}`;
    return result(this, pass, `injected a fault${detail}`, events, "fault-injected");
  },
};

/** The matchers' types, merged into the runner's `expect(…)` by "app-services-mock/vitest" and "…/jest". */
export interface MockAppMatchers<R = unknown> {
  /** Passes when the journal holds an event of `type` whose fields contain `partial`. */
  toHaveEmitted<T extends MockEventType>(type: T, partial?: EventPartial<T>): R;
  /** Passes when the user (id or `{ id }`, e.g. a realm-web `User`) logged in, optionally with that provider. */
  toHaveLoggedIn(user: string | { id: string }, provider?: ProviderType): R;
  /** Passes when a client or function called the function, optionally with exactly these arguments. */
  toHaveCalledFunction(name: string, args?: readonly unknown[]): R;
  /**
   * Passes when an injected fault fired, optionally one whose `fault-injected` event contains `partial`
   * (`{ route: "functions", effect: "network-error" }`).
   */
  toHaveInjectedFault(partial?: Record<string, unknown>): R;
}
