import { AppServicesError } from "../errors.js";
import { bearerToken } from "../operations/session-guard.js";
import { anyServed, appsWithId, isServed, liveByKey, otherServedHasId, servedIds } from "../registry.js";
import type { AppRuntime } from "../runtime.js";
import { tokenInstanceKey } from "../tokens.js";

export const API_PREFIX = "/api/client/v2.0";

/** The path after `/api/client/v2.0` (e.g. `/app/<id>/location`), or undefined for any other URL. */
export function clientPath(url: URL): string | undefined {
  const at = url.pathname.indexOf(`${API_PREFIX}/`);
  return at < 0 ? undefined : url.pathname.slice(at + API_PREFIX.length);
}

/** What a mock app (or the dispatcher, `self` undefined) does with a request: answer it, pass it on, or refuse. */
export type Verdict = "mine" | "elsewhere" | AppServicesError;

const HOW_TO_SERVE =
  "serve a mock app with useMockApp(mock) or serveMockApp(mock) from app-services-mock/vitest, or spread " +
  "mock.handlers into your MSW server";

/** The kit's hint after AppNotFound: which apps are served, and how to serve one. */
function appHint(appId: string): string {
  const ids = servedIds();
  const served = ids.length === 0 ? "none" : ids.map((id) => `'${id}'`).join(", ");
  const unserved =
    appsWithId(appId).length > 0 ? ` A mock app with id '${appId}' exists but is not served.` : "";
  return ` (app-services-mock: no served mock app has this id; served: ${served}.${unserved} To answer it, ${HOW_TO_SERVE}.)`;
}

/**
 * A token no served mock app minted. Refresh requests keep realm-web's "failed to find refresh token" wording (its
 * logout swallows only that). No refresh loop follows: the refresh token of such a user is refused the same way.
 */
function tokenRefusal(path: string, issuer: AppRuntime | undefined): AppServicesError {
  const who =
    issuer === undefined
      ? "no live mock app minted this token"
      : `the token was minted by mock app '${issuer.id}', which is not served`;
  const reason = path === "/auth/session" ? `failed to find refresh token (${who})` : who;
  return new AppServicesError("InvalidSession", `: ${reason}; ${HOW_TO_SERVE}`);
}

/**
 * Decides who answers. A request whose token a live mock minted belongs to that mock (app routes too, when the
 * app ids agree: two mocks with one id are told apart by their tokens); otherwise app routes belong to the mock
 * with that app id. A request is passed on only to a served mock; when none owns it, the answer is a refusal:
 * 404 AppNotFound naming the id and the served apps, or 401 InvalidSession. Reads only the URL and headers.
 */
export function decide(self: AppRuntime | undefined, path: string, request: Request): Verdict {
  const me = self !== undefined && !self.closed ? self : undefined;
  const appId = /^\/app\/([^/]+)\//.exec(path)?.[1];
  const token = bearerToken(request.headers.get("authorization"));
  const kid = token === undefined ? undefined : tokenInstanceKey(token);
  const issuer = kid === undefined ? undefined : liveByKey(kid);
  if (issuer !== undefined && (appId === undefined || appId === issuer.id)) {
    if (issuer === me) return "mine";
    return isServed(issuer) ? "elsewhere" : tokenRefusal(path, issuer);
  }
  if (appId !== undefined) {
    if (me !== undefined && appId === me.id) return "mine";
    if (otherServedHasId(me, appId)) return "elsewhere";
    return new AppServicesError("AppNotFound", appId, appHint(appId));
  }
  if (me !== undefined) return "mine";
  if (anyServed()) return "elsewhere";
  if (path.startsWith("/auth/")) return tokenRefusal(path, undefined);
  return new AppServicesError("NotImplemented", request.method, `${API_PREFIX}${path}`);
}
