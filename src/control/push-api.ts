import type { AppRuntime } from "../runtime.js";
import type { PushRegistration } from "../state/types.js";

/** Push registrations made by clients (`mock.push`). */
export interface MockPush {
  /** Registrations in the order they were made, optionally of one user and/or service. */
  list(filter?: { userId?: string; service?: string }): PushRegistration[];
}

export function createPushApi(runtime: AppRuntime): MockPush {
  return {
    list: ({ userId, service } = {}) =>
      [...runtime.state.pushRegistrations.values()].filter(
        (r) =>
          (userId === undefined || r.userId === userId) && (service === undefined || r.service === service),
      ),
  };
}
