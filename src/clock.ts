import { kitMessage } from "./logger.js";

/** A source of time in epoch milliseconds. Everything in the kit reads time through one of these. */
export interface Clock {
  now(): number;
}

/** A clock that tests move by hand. */
export interface ManualClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (negative values move it back). */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond value. */
  set(epochMs: number): void;
}

/** Refuses anything but a finite number of milliseconds (plain JavaScript callers get no type errors). */
function milliseconds(call: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(
      kitMessage(`${call} takes a finite number of milliseconds, got ${typeof value} ${String(value)}.`),
    );
  }
  return value;
}

const changeListeners = new WeakMap<Clock, Set<() => void>>();

/**
 * Calls `listener` after every `advance`/`set` of a clock made by `createManualClock` or `createOffsetClock`
 * (other clocks never call it). Returns the unsubscribe function. Used by waits on the mock's clock.
 */
export function onClockChange(clock: Clock, listener: () => void): () => void {
  let listeners = changeListeners.get(clock);
  if (!listeners) {
    listeners = new Set();
    changeListeners.set(clock, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(clock: Clock): void {
  for (const listener of [...(changeListeners.get(clock) ?? [])]) listener();
}

/**
 * A clock that stands still until told to move. Starts at `start` (default: the wall clock at creation).
 */
export function createManualClock(start: number | Date = Date.now()): ManualClock {
  let current = milliseconds("createManualClock(start)", start instanceof Date ? start.getTime() : start);
  const clock: ManualClock = {
    now: () => current,
    advance: (ms) => {
      current += milliseconds("clock.advance(ms)", ms);
      changed(clock);
    },
    set: (epochMs) => {
      current = milliseconds("clock.set(epochMs)", epochMs);
      changed(clock);
    },
  };
  return clock;
}

/**
 * The default clock of a mock app: the wall clock, read lazily on every call (so `vi.useFakeTimers()` moves it),
 * plus whatever `advance(ms)` added. `set` pins the offset so that `now()` reads the given time at that moment.
 */
export function createOffsetClock(read: () => number = () => Date.now()): ManualClock {
  let offset = 0;
  const clock: ManualClock = {
    now: () => read() + offset,
    advance: (ms) => {
      offset += milliseconds("clock.advance(ms)", ms);
      changed(clock);
    },
    set: (epochMs) => {
      offset = milliseconds("clock.set(epochMs)", epochMs) - read();
      changed(clock);
    },
  };
  return clock;
}
