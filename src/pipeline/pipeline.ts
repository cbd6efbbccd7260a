import { AppServicesError } from "../errors.js";
import { bearerToken } from "../operations/session-guard.js";
import { otherAppServes, otherInstanceOwns } from "../registry.js";
import type { AppRuntime } from "../runtime.js";
import { tokenInstanceKey } from "../tokens.js";
import { errorResponse, toErrorResponse } from "./respond.js";
import type { PipelineLayer, RequestPipeline, Route, RouteDispatch } from "./types.js";

export const API_PREFIX = "/api/client/v2.0";

/** Does this mock app own the request, or should it pass it on to another live mock? */
function belongsElsewhere(runtime: AppRuntime, path: string, request: Request): boolean {
  const app = /^\/app\/([^/]+)\//.exec(path);
  if (app) return app[1] !== runtime.id && otherAppServes(runtime, app[1] ?? "");
  if (path.startsWith("/auth/")) {
    const token = bearerToken(request.headers.get("authorization"));
    const kid = token === undefined ? undefined : tokenInstanceKey(token);
    return kid !== undefined && otherInstanceOwns(runtime, kid);
  }
  return false;
}

/**
 * Builds the request pipeline of one mock app over its route table. It decides whether the request is its own
 * before reading anything but the URL and headers, so a request it passes on (undefined) still has its body for
 * the next handler: callers need not clone. `layers` wrap the matched route (the first is outermost); they get
 * the body the pipeline read, so nothing reads it twice.
 */
export function createPipeline(
  runtime: AppRuntime,
  routes: readonly Route[],
  layers: readonly PipelineLayer[] = [],
): RequestPipeline {
  const dispatch = layers.reduceRight<RouteDispatch>(
    (next, layer) => layer(next),
    async (ctx) => ctx.route.handle(ctx),
  );
  return async (request) => {
    if (runtime.closed) return undefined;
    const url = new URL(request.url);
    const at = url.pathname.indexOf(`${API_PREFIX}/`);
    if (at < 0) return undefined;
    const path = url.pathname.slice(at + API_PREFIX.length);
    if (belongsElsewhere(runtime, path, request)) return undefined;
    const where = `${request.method} ${url.pathname}`;
    try {
      const appId = /^\/app\/([^/]+)\//.exec(path)?.[1];
      if (appId !== undefined && appId !== runtime.id) throw new AppServicesError("AppNotFound", appId);
      for (const route of routes) {
        if (route.method !== request.method) continue;
        const match = route.pattern.exec(path);
        if (!match) continue;
        const bodyText = request.method === "GET" ? null : await request.text();
        return await dispatch({ runtime, request, url, path, params: { ...match.groups }, bodyText, route });
      }
      return errorResponse(new AppServicesError("NotImplemented", request.method, url.pathname));
    } catch (error) {
      return toErrorResponse(error, runtime.logger, where);
    }
  };
}
