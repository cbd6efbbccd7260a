import { expect } from "vitest";
import type { MockApp } from "../create-mock-app.js";
import type { MockEvent, MockEventType } from "../events/types.js";

type MatcherResult = { pass: boolean; message: () => string; actual?: unknown; expected?: unknown };
interface MatcherContext {
  isNot: boolean;
  equals(a: unknown, b: unknown): boolean;
  utils: { stringify(value: unknown, maxDepth?: number, options?: { min?: boolean }): string };
}

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

export const matchers = {
  toHaveEmitted(
    this: MatcherContext,
    received: unknown,
    type: MockEventType,
    partial?: Record<string, unknown>,
  ) {
    const mock = check(received, "toHaveEmitted");
    const events = mock.events.list();
    const pass = events.some(
      (e) => e.type === type && (partial === undefined || this.equals(e, expect.objectContaining(partial))),
    );
    const detail =
      partial === undefined ? "" : ` matching ${this.utils.stringify(partial, 10, { min: true })}`;
    return result(this, pass, `emitted "${type}"${detail}`, events, type);
  },
  toHaveLoggedIn(this: MatcherContext, received: unknown, user: string | { id: string }, provider?: string) {
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
      (e) =>
        e.type === "fault-injected" &&
        (partial === undefined || this.equals(e, expect.objectContaining(partial))),
    );
    const detail =
      partial === undefined ? "" : ` matching ${this.utils.stringify(partial, 10, { min: true })}`;
    return result(this, pass, `injected a fault${detail}`, events, "fault-injected");
  },
};

let installed = false;

/** Registers the matchers with Vitest's `expect` (idempotent). */
export function installMatchers(): void {
  if (installed) return;
  expect.extend(matchers);
  installed = true;
}

/** The matchers' types, merged into Vitest's `expect(…)`. */
export interface MockAppMatchers<R = unknown> {
  /** Passes when the journal holds an event of `type` whose fields contain `partial`. */
  toHaveEmitted(type: MockEventType, partial?: Record<string, unknown>): R;
  /** Passes when the user (id or `{ id }`, e.g. a realm-web `User`) logged in, optionally with that provider. */
  toHaveLoggedIn(user: string | { id: string }, provider?: string): R;
  /** Passes when a client or function called the function, optionally with exactly these arguments. */
  toHaveCalledFunction(name: string, args?: readonly unknown[]): R;
  /**
   * Passes when an injected fault fired, optionally one whose `fault-injected` event contains `partial`
   * (`{ route: "functions", effect: "network-error" }`).
   */
  toHaveInjectedFault(partial?: Record<string, unknown>): R;
}

declare module "vitest" {
  // biome-ignore lint/suspicious/noExplicitAny: must repeat Vitest's own declaration to merge with it.
  interface Matchers<T = any> extends MockAppMatchers<T> {}
}
