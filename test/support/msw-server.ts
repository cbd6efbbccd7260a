import { setupServer } from "msw/node";
import { afterAll } from "vitest";

/** One MSW server per test file, listening before any test module (and so realm-web) is imported. */
export const server = setupServer();
server.listen({ onUnhandledRequest: "error" });
afterAll(() => server.close());
