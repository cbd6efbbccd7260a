import { setupServer } from "msw/node";
import { afterAll } from "vitest";
import { listenGuarded } from "../../src/testing/listen.js";

/** One MSW server per test file, listening before any test module (and so realm-web) is imported. */
export const server = setupServer();
listenGuarded(server, "error");
afterAll(() => server.close());
