import { existsSync, renameSync, writeFileSync } from "node:fs";
import { renderFixtureText } from "../../fixtures/bundled.js";
import { createMockApp, type MockApp, runtimeOf } from "../create-mock-app.js";
import { kitMessage } from "../logger.js";
import type { MockAppOptions } from "../options.js";
import { exportSeed } from "../state/export.js";
import { loadAppOption } from "./app-option.js";
import {
  parseServeArgs,
  readConfigFile,
  readDataOption,
  readPersistFile,
  readUsersOption,
  type ServeArgs,
  USAGE,
  UsageError,
} from "./cli-options.js";
import { type DemoLogin, demoApp } from "./demo-app.js";
import { type MockHttpServer, startMockServer } from "./server.js";

/** Where the CLI writes; the bin passes the process's streams, tests their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A started `serve`: stop it to persist (with `--persist`) and close. */
export interface RunningServe {
  readonly server: MockHttpServer;
  readonly mock: MockApp;
  stop(): Promise<void>;
}

async function appOptions(args: ServeArgs): Promise<{ options: MockAppOptions; logins: DemoLogin[] }> {
  let options: MockAppOptions;
  let logins: DemoLogin[] | undefined;
  if (args.app !== undefined) options = await loadAppOption(args.app);
  else if (args.config !== undefined) options = readConfigFile(args.config);
  else ({ options, logins } = demoApp(args.seed));
  if (args.users !== undefined) options = { ...options, users: readUsersOption(args.users) };
  if (args.data !== undefined) options = { ...options, data: readDataOption(args.data) };
  if (args.persist !== undefined && existsSync(args.persist)) {
    options = { ...options, ...readPersistFile(args.persist) };
  }
  if (logins === undefined || args.users !== undefined || args.persist !== undefined) {
    logins = (options.users ?? [])
      .filter((u) => u.email !== undefined && u.password !== undefined && u.disabled !== true)
      .slice(0, 2)
      .map((u) => ({ email: u.email ?? "", password: u.password ?? "" }));
  }
  return { options, logins };
}

/** The banner: base URL, app id, two logins and a realm-web snippet to paste. */
export function banner(url: string, appId: string, logins: readonly DemoLogin[]): string {
  const login = logins[0];
  const lines = [
    `app-services-mock is serving "${appId}" at ${url}`,
    "",
    `  Base URL:  ${url}`,
    `  App id:    ${appId}`,
    ...logins.map((l, i) => `  ${i === 0 ? "Logins:   " : "          "} ${l.email} / ${l.password}`),
    `  Control:   ${url}/__mock/v1/apps/${encodeURIComponent(appId)}  (reset, users, outbox, events, clock)`,
    "",
    "  realm-web:",
    `    const app = new Realm.App({ id: ${JSON.stringify(appId)}, baseUrl: ${JSON.stringify(url)} });`,
    login === undefined
      ? "    const user = await app.logIn(Realm.Credentials.anonymous());"
      : `    const user = await app.logIn(Realm.Credentials.emailPassword(${JSON.stringify(login.email)}, ${JSON.stringify(login.password)}));`,
    "",
    "Press Ctrl+C to stop.",
  ];
  return lines.join("\n");
}

function writePersistFile(path: string, mock: MockApp): void {
  const temporary = `${path}.${process.pid}.tmp`;
  const runtime = runtimeOf(mock);
  if (runtime === undefined) return;
  writeFileSync(temporary, renderFixtureText(exportSeed(runtime.state)));
  renameSync(temporary, path);
}

/**
 * Runs `app-services-mock serve`: builds the app, listens, prints the banner. Throws `UsageError` for a bad
 * command line and an Error for a taken port. Returns the running server (or undefined for `--help`).
 */
export async function serve(argv: readonly string[], io: CliIo): Promise<RunningServe | undefined> {
  const args = parseServeArgs(argv);
  if (args.help) {
    io.out(USAGE);
    return undefined;
  }
  const { options, logins } = await appOptions(args);
  let mock: MockApp;
  try {
    mock = createMockApp(options);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let server: MockHttpServer;
  try {
    server = await startMockServer({ apps: [mock], host: args.host, port: args.port });
  } catch (error) {
    mock.close();
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new Error(
        kitMessage(
          `Port ${args.port} on ${args.host} is already in use. Stop the other server or pass --port.`,
        ),
      );
    }
    throw error;
  }
  io.out(banner(server.url, mock.id, logins));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Persist before closing: closing resets the app to its seed.
      if (args.persist !== undefined) writePersistFile(args.persist, mock);
      await server.close();
      mock.close();
    })();
    return stopping;
  };
  return { server, mock, stop };
}

/** The process side: exit codes, signals. 0 after a clean stop, 1 on failure, 2 on a usage error. */
export async function main(argv: readonly string[]): Promise<void> {
  const io: CliIo = { out: (t) => console.log(t), err: (t) => console.error(t) };
  let running: RunningServe | undefined;
  try {
    running = await serve(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    io.err((error as Error).message);
    process.exit(1);
  }
  if (running === undefined) return;
  const shutdown = (signal: string) => {
    running
      .stop()
      .then(() => {
        io.out(`Stopped (${signal}).`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        io.err(kitMessage(`Failed to stop cleanly: ${(error as Error).message}`));
        process.exit(1);
      });
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}
