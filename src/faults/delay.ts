import { type Clock, onClockChange } from "../clock.js";

// Captured at load time: a "real" delay waits real milliseconds even under `vi.useFakeTimers()`.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

/** A pending wait: `done` resolves true when the time has come, false when cancelled first. */
export interface Wait {
  readonly done: Promise<boolean>;
  cancel(): void;
}

type Timers = { set: typeof setTimeout; clear: typeof clearTimeout };

function unref(timer: ReturnType<typeof setTimeout>): void {
  (timer as { unref?: () => void }).unref?.();
}

/**
 * Waits until `clock.now()` has moved `ms` past its current reading. It looks again whenever the clock is advanced
 * or set and after a timer of the remaining time, taken from the global `setTimeout` at that moment, so fake timers
 * (`vi.advanceTimersByTime`) and the mock's own `clock.advance` both end it.
 */
export function waitOnClock(clock: Clock, ms: number): Wait {
  const target = clock.now() + ms;
  let timer: { id: ReturnType<typeof setTimeout>; timers: Timers } | undefined;
  let finish: (elapsed: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => {
    finish = (elapsed) => {
      stopTimer();
      unsubscribe();
      resolve(elapsed);
    };
  });
  const stopTimer = () => {
    if (timer) timer.timers.clear(timer.id);
    timer = undefined;
  };
  const check = () => {
    stopTimer();
    const left = target - clock.now();
    if (left <= 0) return finish(true);
    const timers: Timers = { set: globalThis.setTimeout, clear: globalThis.clearTimeout };
    timer = { id: timers.set(check, left), timers };
    unref(timer.id);
  };
  const unsubscribe = onClockChange(clock, check);
  check();
  return { done, cancel: () => finish(false) };
}

/** Waits `ms` real milliseconds, whatever the clock and the timers. */
export function waitReal(ms: number): Wait {
  let id: ReturnType<typeof setTimeout> | undefined;
  let finish: (elapsed: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => {
    finish = (elapsed) => {
      realClearTimeout(id);
      resolve(elapsed);
    };
  });
  id = realSetTimeout(() => finish(true), ms);
  return { done, cancel: () => finish(false) };
}
