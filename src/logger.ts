/** The only owner of the "[app-services-mock]" prefix. */
const PREFIX = "[app-services-mock]";

export interface Logger {
  warn(message: string, cause?: unknown): void;
  /** What function sources print with `console.log` / `info` / `debug` (their warnings go to `warn`). */
  log?(message: string): void;
}

export const consoleLogger: Logger = {
  warn(message, cause) {
    if (cause === undefined) console.warn(`${PREFIX} ${message}`);
    else console.warn(`${PREFIX} ${message}`, cause);
  },
  log(message) {
    console.log(`${PREFIX} ${message}`);
  },
};

/** Prefixes a message for errors thrown to the test writer (misuse of the kit, not wire errors). */
export function kitMessage(message: string): string {
  return `${PREFIX} ${message}`;
}
