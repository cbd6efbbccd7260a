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

/**
 * A clock that stands still until told to move. Starts at `start` (default: the wall clock at creation).
 */
export function createManualClock(start: number | Date = Date.now()): ManualClock {
  let current = milliseconds("createManualClock(start)", start instanceof Date ? start.getTime() : start);
  return {
    now: () => current,
    advance: (ms) => {
      current += milliseconds("clock.advance(ms)", ms);
    },
    set: (epochMs) => {
      current = milliseconds("clock.set(epochMs)", epochMs);
    },
  };
}

/**
 * The default clock of a mock app: the wall clock, read lazily on every call (so `vi.useFakeTimers()` moves it),
 * plus whatever `advance(ms)` added. `set` pins the offset so that `now()` reads the given time at that moment.
 */
export function createOffsetClock(read: () => number = () => Date.now()): ManualClock {
  let offset = 0;
  return {
    now: () => read() + offset,
    advance: (ms) => {
      offset += milliseconds("clock.advance(ms)", ms);
    },
    set: (epochMs) => {
      offset = milliseconds("clock.set(epochMs)", epochMs) - read();
    },
  };
}
