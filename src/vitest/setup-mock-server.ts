import { afterAll, afterEach, beforeEach } from "vitest";
import { type MockServer, type MockServerOptions, setupMockServerWith } from "../testing/mock-server.js";
import { installMatchers } from "./install-matchers.js";

/**
 * Call at the top level of a Vitest `setupFiles` module. It listens at once (realm-web binds `fetch` when it is
 * imported, so a `beforeAll` would be too late) with one dispatching handler installed as an initial handler, so
 * `server.resetHandlers()` never drops it. After each test (after the last of a group of concurrent tests) it
 * resets the handlers, every app served through it and realm-web's default storage; after all tests it closes the server.
 * Also registers the matchers.
 */
export function setupMockServer(options: MockServerOptions = {}): MockServer {
  return setupMockServerWith(
    {
      // Destructured: Vitest reads hook parameters as fixture dependencies (tests made with `test.extend`).
      beforeEach: (step) => beforeEach(({ task }) => step(task.id)),
      afterEach: (step) => afterEach(({ task }) => step(task.id)),
      afterAll,
      installMatchers,
    },
    options,
  );
}
