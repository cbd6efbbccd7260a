import { AppServicesError } from "../errors.js";
import type { AppRuntime } from "../runtime.js";
import { clientPath, decide } from "./ownership.js";
import { errorResponse, toErrorResponse } from "./respond.js";
import type { PipelineLayer, RequestPipeline, Route, RouteDispatch } from "./types.js";

export { API_PREFIX } from "./ownership.js";

/** The request body as text; a body an earlier MSW handler consumed is the test's mistake, told with the remedy. */
async function bodyOf(request: Request): Promise<string | null> {
  if (request.method === "GET") return null;
  if (request.bodyUsed) throw new AppServicesError("BodyAlreadyRead");
  return await request.text();
}

/**
 * Builds the request pipeline of one mock app over its route table. It decides whether the request is its own
 * before reading anything but the URL and headers, so a request it passes on (undefined) still has its body for
 * the next handler: callers need not clone. A request no served mock owns is refused here (`decide`), never
 * passed on to the network. Routes get a runtime view made when the request arrived (`forRequest`): whatever
 * the request still does after a reset, restore or close changes nothing. `layers` wrap the matched route (the
 * first is outermost); they get the body the pipeline read, so nothing reads it twice.
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
    const url = new URL(request.url);
    const path = clientPath(url);
    if (path === undefined) return undefined;
    const verdict = decide(runtime, path, request);
    if (verdict === "elsewhere") return undefined;
    if (verdict !== "mine") return errorResponse(verdict);
    const scope = runtime.forRequest();
    const response = await answer(scope, routes, dispatch, request, url, path);
    // A refused request changes nothing: the ids it drew go back (when it wrote nothing and nobody drew since).
    if (response.status >= 400) scope.releaseIds();
    return response;
  };
}

async function answer(
  scope: AppRuntime,
  routes: readonly Route[],
  dispatch: RouteDispatch,
  request: Request,
  url: URL,
  path: string,
): Promise<Response> {
  try {
    const appId = /^\/app\/([^/]+)\//.exec(path)?.[1];
    if (appId !== undefined && appId !== scope.id) throw new AppServicesError("AppNotFound", appId);
    for (const route of routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      const bodyText = await bodyOf(request);
      return await dispatch({
        runtime: scope,
        request,
        url,
        path,
        params: { ...match.groups },
        bodyText,
        route,
      });
    }
    return errorResponse(new AppServicesError("NotImplemented", request.method, url.pathname));
  } catch (error) {
    return toErrorResponse(error, scope.logger, `${request.method} ${url.pathname}`);
  }
}

/**
 * The answer for a request that reached the end of the Vitest dispatcher unanswered: undefined when a served mock
 * later in the MSW chain owns it, else the refusal (a request never leaves the process through the kit).
 */
export function refuseUnowned(request: Request): Response | undefined {
  const path = clientPath(new URL(request.url));
  if (path === undefined) return undefined;
  const verdict = decide(undefined, path, request);
  return verdict === "elsewhere" || verdict === "mine" ? undefined : errorResponse(verdict);
}
