import { kitMessage } from "./logger.js";
import type { Snapshot as StatePoint } from "./runtime.js";

const taken = new WeakMap<Snapshot, { owner: object; point: StatePoint }>();

/**
 * A point a mock app can go back to: `const s = mock.snapshot()`, later `mock.restore(s)`. Opaque: what it holds
 * is the kit's business, and only the app that took it can restore it.
 */
export class Snapshot {
  // Makes the type nominal: a structurally empty object is not a Snapshot.
  readonly #brand = "app-services-mock snapshot";

  /** For messages and the debugger. */
  toString(): string {
    return `[${this.#brand}]`;
  }
}

/** Wraps a state point taken by `owner` (the app's runtime). */
export function takeSnapshot(owner: object, point: StatePoint): Snapshot {
  const snapshot = new Snapshot();
  taken.set(snapshot, { owner, point });
  return snapshot;
}

/** The state point of a snapshot `owner` took; another app's snapshot (or a forged object) is refused. */
export function openSnapshot(owner: object, snapshot: Snapshot): StatePoint {
  const entry = taken.get(snapshot);
  if (!entry || entry.owner !== owner) {
    const got = entry ? "another mock app's snapshot" : snapshot === null ? "null" : typeof snapshot;
    throw new TypeError(
      kitMessage(`mock.restore(snapshot) takes a value this mock app's snapshot() returned (got ${got}).`),
    );
  }
  return entry.point;
}

/** The state point inside a snapshot, whoever took it: for the kit's own tests, not exported by the package. */
export function pointOf(snapshot: Snapshot): StatePoint | undefined {
  return taken.get(snapshot)?.point;
}
