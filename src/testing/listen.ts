import * as msw from "msw";
import type { SetupServer } from "msw/node";

/** What MSW does with a request no handler answers. */
export type UnhandledRequestStrategy = "error" | "warn" | "bypass";

/**
 * The installed msw major where the APIs differ. msw 2 exports its unhandled-request strategy function under the
 * name of its `listen` option, `onUnhandledRequest`; msw 3 renamed both to `onUnhandledFrame` (and silently ignores
 * the old option, so passing it would turn the guard off).
 */
export const mswMajor: 2 | 3 = "onUnhandledRequest" in msw ? 2 : 3;

/** The `listen()` options that set the unhandled-request strategy on the installed msw. */
export function unhandledOption(
  strategy: UnhandledRequestStrategy,
): Record<string, UnhandledRequestStrategy> {
  return mswMajor === 2 ? { onUnhandledRequest: strategy } : { onUnhandledFrame: strategy };
}

/** `server.listen()` with the strategy under the option name the installed msw reads. */
export function listenGuarded(server: SetupServer, strategy: UnhandledRequestStrategy): void {
  // The option's name differs between the majors the kit supports, so neither major's type can describe it.
  const listen: (options: object) => void = server.listen.bind(server);
  listen(unhandledOption(strategy));
}
