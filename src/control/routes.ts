import { validateUsers } from "../../fixtures/validate.js";
import type { MockApp } from "../create-mock-app.js";
import { decodeObjectBody } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import type { MockEventType } from "../events/types.js";
import { applyFaultCommand } from "../faults/command.js";
import { consoleLogger, type Logger } from "../logger.js";
import { empty, json, toErrorResponse } from "../pipeline/respond.js";
import type { RequestPipeline } from "../pipeline/types.js";
import type { SeedUser } from "../seed.js";
import type { Snapshot } from "../snapshot.js";
import type { OutboxMessage } from "../state/types.js";
import type { MockUser } from "./users-api.js";

/**
 * The control routes' prefix. `/__mock/…` cannot collide with App Services, whose client API lives under
 * `/api/client/v2.0` and whose admin API under `/api/admin/v3.0`.
 */
export const CONTROL_PREFIX = "/__mock/v1";

const APP_PATH = /^\/__mock\/v1\/apps\/([^/]+)(\/.*)?$/;

interface ControlContext {
  readonly mock: MockApp;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly body: () => Promise<Record<string, unknown>>;
}

interface ControlRoute {
  readonly method: "GET" | "POST" | "DELETE";
  /** Matched against the path after `/__mock/v1/apps/:appId`. */
  readonly pattern: RegExp;
  readonly handle: (context: ControlContext) => Response | Promise<Response>;
}

/** Per-app state of the control side: snapshots taken over HTTP, by id. */
interface AppControl {
  readonly mock: MockApp;
  readonly snapshots: Map<string, Snapshot>;
  serial: number;
}

const eventTypes = new Set<string>([
  "user-created",
  "logged-in",
  "identity-linked",
  "access-token-refreshed",
  "logged-out",
  "sessions-revoked",
  "user-deleted",
  "user-disabled",
  "user-enabled",
  "function-called",
  "api-key-created",
  "api-key-enabled",
  "api-key-disabled",
  "api-key-deleted",
  "mongodb-write",
  "push-registered",
  "push-deregistered",
  "fault-injected",
  "tokens-expired",
  "refresh-loop",
  "graphql-executed",
] satisfies MockEventType[]);

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppServicesError("BadRequest", `malformed path segment '${segment}'`);
  }
}

/** A user as JSON: fields that are `undefined` in `MockUser` (email, customData) are left out, not `null`. */
function wireUser(user: MockUser | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user ?? {}).filter(([, value]) => value !== undefined));
}

function existingUser(mock: MockApp, id: string): string {
  if (mock.users.get(id) === undefined) throw new AppServicesError("UserNotFound");
  return id;
}

/** Reads a `SeedUser` from a request body: validated completely, and refused before anything is written. */
function seedUserOf(mock: MockApp, body: Record<string, unknown>): SeedUser {
  let user: SeedUser;
  try {
    [user] = validateUsers([body], "request body") as [SeedUser];
  } catch (error) {
    throw new AppServicesError("BadRequest", (error as Error).message);
  }
  if (user.email !== undefined && mock.users.findByEmail(user.email) !== undefined) {
    throw new AppServicesError("AccountNameInUse");
  }
  if (user.id !== undefined && mock.users.get(user.id) !== undefined) {
    throw new AppServicesError("BadRequest", `a user with id '${user.id}' already exists`);
  }
  return user;
}

function outboxFilter(url: URL): { to?: string; kind?: OutboxMessage["kind"] } {
  const to = url.searchParams.get("to") ?? undefined;
  const kind = url.searchParams.get("kind") ?? undefined;
  if (kind !== undefined && kind !== "confirmation" && kind !== "reset") {
    throw new AppServicesError("InvalidParameter", "kind must be 'confirmation' or 'reset'");
  }
  return { ...(to === undefined ? {} : { to }), ...(kind === undefined ? {} : { kind }) };
}

function eventFilter(url: URL): { type?: MockEventType[]; userId?: string } {
  const types = url.searchParams.getAll("type");
  const unknown = types.find((t) => !eventTypes.has(t));
  if (unknown !== undefined)
    throw new AppServicesError("InvalidParameter", `unknown event type '${unknown}'`);
  const userId = url.searchParams.get("userId") ?? undefined;
  return {
    ...(types.length > 0 ? { type: types as MockEventType[] } : {}),
    ...(userId === undefined ? {} : { userId }),
  };
}

function advanceBy(mock: MockApp, body: Record<string, unknown>): number {
  const { ms } = body;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new AppServicesError("BadRequest", "expected a finite number field 'ms'");
  }
  const clock: { now(): number; advance?: unknown } = mock.clock;
  if (typeof clock.advance !== "function") {
    throw new AppServicesError("BadRequest", "this app's clock cannot be advanced");
  }
  clock.advance.call(clock, ms);
  return clock.now();
}

/** A route that acts and answers 204 (no content). */
const act =
  (change: (context: ControlContext) => void) =>
  (context: ControlContext): Response => {
    change(context);
    return empty();
  };

function controlRoutes(control: AppControl): readonly ControlRoute[] {
  const user = /^\/users\/(?<id>[^/]+)$/;
  return [
    { method: "POST", pattern: /^\/reset$/, handle: act(({ mock }) => mock.reset()) },
    {
      method: "POST",
      pattern: /^\/snapshots$/,
      handle: ({ mock }) => {
        control.serial += 1;
        const id = `snapshot-${control.serial}`;
        control.snapshots.set(id, mock.snapshot());
        return json({ id }, 201);
      },
    },
    {
      method: "POST",
      pattern: /^\/snapshots\/(?<id>[^/]+)\/restore$/,
      handle: act(({ mock, params }) => {
        const snapshot = control.snapshots.get(params.id ?? "");
        if (snapshot === undefined) throw new AppServicesError("SnapshotNotFound", params.id ?? "");
        mock.restore(snapshot);
      }),
    },
    { method: "GET", pattern: /^\/users$/, handle: ({ mock }) => json(mock.users.list().map(wireUser)) },
    {
      method: "POST",
      pattern: /^\/users$/,
      handle: async ({ mock, body }) =>
        json(wireUser(mock.users.create(seedUserOf(mock, await body()))), 201),
    },
    {
      method: "GET",
      pattern: user,
      handle: ({ mock, params }) => json(wireUser(mock.users.get(existingUser(mock, params.id ?? "")))),
    },
    {
      method: "DELETE",
      pattern: user,
      handle: act(({ mock, params }) => mock.users.delete(existingUser(mock, params.id ?? ""))),
    },
    {
      method: "POST",
      pattern: /^\/users\/(?<id>[^/]+)\/(?<action>disable|enable)$/,
      handle: act(({ mock, params }) => {
        const id = existingUser(mock, params.id ?? "");
        if (params.action === "disable") mock.users.disable(id);
        else mock.users.enable(id);
      }),
    },
    {
      method: "POST",
      pattern: /^\/users\/(?<id>[^/]+)\/revoke-sessions$/,
      handle: ({ mock, params }) =>
        json({ revoked: mock.users.revokeSessions(existingUser(mock, params.id ?? "")) }),
    },
    {
      method: "GET",
      pattern: /^\/outbox$/,
      handle: ({ mock, url }) => json(mock.outbox.list(outboxFilter(url))),
    },
    { method: "DELETE", pattern: /^\/outbox$/, handle: act(({ mock }) => mock.outbox.clear()) },
    {
      method: "GET",
      pattern: /^\/events$/,
      handle: ({ mock, url }) => json(mock.events.list(eventFilter(url))),
    },
    { method: "DELETE", pattern: /^\/events$/, handle: act(({ mock }) => mock.events.clear()) },
    { method: "GET", pattern: /^\/clock$/, handle: ({ mock }) => json({ now: mock.clock.now() }) },
    {
      method: "POST",
      pattern: /^\/clock\/advance$/,
      handle: async ({ mock, body }) => json({ now: advanceBy(mock, await body()) }),
    },
    // Faults and token lifecycle: the JSON commands of `applyFaultCommand` (inject, clear, list, expire-…).
    {
      method: "POST",
      pattern: /^\/faults$/,
      handle: async ({ mock, body }) => json(applyFaultCommand(mock, await body())),
    },
  ];
}

/**
 * The control routes of one or more mock apps, for tests in another process (a Playwright suite against
 * `app-services-mock serve`): `/__mock/v1/apps/:appId/…` at any origin, JSON (relaxed EJSON) in and out, errors as
 * `{ error, error_code }`. Every route calls the same handle the in-process `MockApp` exposes (`mock.users`,
 * `mock.outbox`, `mock.events`, `mock.clock`, `reset`/`snapshot`/`restore`, `mock.faults`/`mock.time` through
 * `applyFaultCommand`), so the two never drift. Answers
 * `undefined` for any other path.
 */
export function createControlPipeline(
  apps: readonly MockApp[],
  logger: Logger = consoleLogger,
): RequestPipeline {
  const byId = new Map<string, { control: AppControl; routes: readonly ControlRoute[] }>();
  for (const mock of apps) {
    const control: AppControl = { mock, snapshots: new Map(), serial: 0 };
    byId.set(mock.id, { control, routes: controlRoutes(control) });
  }
  return async (request) => {
    const url = new URL(request.url);
    const match = APP_PATH.exec(url.pathname);
    if (!match) return undefined;
    const where = `${request.method} ${url.pathname}`;
    try {
      const appId = decodeSegment(match[1] ?? "");
      const app = byId.get(appId);
      if (app === undefined) throw new AppServicesError("AppNotFound", appId);
      const path = match[2] ?? "/";
      for (const route of app.routes) {
        if (route.method !== request.method) continue;
        const found = route.pattern.exec(path);
        if (!found) continue;
        const params = Object.fromEntries(
          Object.entries({ ...found.groups }).map(([k, v]) => [k, decodeSegment(v ?? "")]),
        );
        const body = async () => decodeObjectBody(await request.text());
        return await route.handle({ mock: app.control.mock, url, params, body });
      }
      throw new AppServicesError("RouteNotFound", request.method, url.pathname);
    } catch (error) {
      return toErrorResponse(error, logger, where);
    }
  };
}
