/** The only owner of the "[app-services-mock]" prefix. */
const PREFIX = "[app-services-mock]";

export interface Logger {
  warn(message: string, cause?: unknown): void;
}

export const consoleLogger: Logger = {
  warn(message, cause) {
    if (cause === undefined) console.warn(`${PREFIX} ${message}`);
    else console.warn(`${PREFIX} ${message}`, cause);
  },
};

/** Prefixes a message for errors thrown to the test writer (misuse of the kit, not wire errors). */
export function kitMessage(message: string): string {
  return `${PREFIX} ${message}`;
}
