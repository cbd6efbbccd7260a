import type { MockEvent, MockEventOf, MockEventType } from "../events/types.js";
import type { AppRuntime } from "../runtime.js";

/** Which events to list: by type(s) and/or user. */
export interface EventFilter<T extends MockEventType = MockEventType> {
  type?: T | readonly T[];
  userId?: string;
}

/** The user event journal (`mock.events`). */
export interface MockEvents {
  /** Events so far, oldest first, optionally filtered. */
  list<T extends MockEventType = MockEventType>(filter?: EventFilter<T>): MockEventOf<T>[];
  /** Calls `listener` for every new event of that type (`"*"` for all); returns the unsubscribe function. */
  on<T extends MockEventType>(type: T | "*", listener: (event: MockEventOf<T>) => void): () => void;
  /** Empties the journal (listeners stay). */
  clear(): void;
}

export function matchesFilter(event: MockEvent, filter: EventFilter): boolean {
  const { type, userId } = filter;
  if (type !== undefined && (typeof type === "string" ? event.type !== type : !type.includes(event.type))) {
    return false;
  }
  return userId === undefined || ("userId" in event && event.userId === userId);
}

export function createEventsApi(runtime: AppRuntime): MockEvents {
  return {
    list: <T extends MockEventType>(filter: EventFilter<T> = {}) =>
      runtime.state.journal.filter((e) => matchesFilter(e, filter)).toArray() as MockEventOf<T>[],
    on: <T extends MockEventType>(type: T | "*", listener: (event: MockEventOf<T>) => void) =>
      runtime.subscribe((event) => {
        if (type === "*" || event.type === type) listener(event as MockEventOf<T>);
      }),
    clear: () => {
      runtime.update((s) => ({ ...s, journal: s.journal.clear() }));
    },
  };
}
