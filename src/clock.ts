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

/**
 * A clock that stands still until told to move. Starts at `start` (default: the wall clock at creation).
 */
export function createManualClock(start: number | Date = Date.now()): ManualClock {
  let current = typeof start === "number" ? start : start.getTime();
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
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
      offset += ms;
    },
    set: (epochMs) => {
      offset = epochMs - read();
    },
  };
}
