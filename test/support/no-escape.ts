import type { SetupServer } from "msw/node";
import { afterAll, expect, vi } from "vitest";

/**
 * Fails the file if any request reached MSW's unhandled path (`onUnhandledRequest`) or was performed as is (the
 * network, e.g. the real services.cloud.mongodb.com) while its tests ran.
 */
export function expectNoRequestEscapes(server: SetupServer): void {
  const unhandled = vi.fn();
  const bypassed = vi.fn();
  server.events.on("request:unhandled", unhandled);
  server.events.on("response:bypass", bypassed);
  afterAll(() => {
    expect(unhandled).not.toHaveBeenCalled();
    expect(bypassed).not.toHaveBeenCalled();
  });
}
