import { isAppServicesError } from "../errors.js";
import { kitMessage } from "../logger.js";
import type { PipelineLayer, RouteContext } from "../pipeline/types.js";
import type { AppRuntime } from "../runtime.js";
import { requestLabel, tokenSubject } from "./classify.js";

/** When a session counts as refreshing in a loop. */
export interface RefreshLoopGuardOptions {
  /** More refreshes than this within `windowMs` trip the guard. Default 10. */
  threshold?: number;
  /** The window, in ms of the mock's clock. Default 10000. */
  windowMs?: number;
}

const DEFAULTS = { threshold: 10, windowMs: 10_000 };

/**
 * Watches for the refresh loop realm-web falls into when a request keeps answering 401 `InvalidSession`: it
 * refreshes and retries without limit (wire-protocol §8). When one session refreshes more than `threshold` times
 * within `windowMs`, the guard journals `refresh-loop` and warns once for that session, naming the user and the
 * request that last answered 401. Only refreshes that follow a 401 of the same session count: an app refreshing
 * on purpose (`refreshCustomData()` in a loop) is no loop. It never changes a reply. Runs outside the fault layer,
 * so injected 401s count.
 */
export function refreshLoopGuard(runtime: AppRuntime, options: RefreshLoopGuardOptions = {}): PipelineLayer {
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const windowMs = options.windowMs ?? DEFAULTS.windowMs;
  if (!Number.isInteger(threshold) || threshold < 1 || !Number.isFinite(windowMs) || windowMs <= 0) {
    throw new Error(
      kitMessage(
        `createMockApp({ refreshLoopGuard }) needs an integer threshold ≥ 1 and a windowMs > 0, got ${threshold} and ${windowMs}.`,
      ),
    );
  }
  const refreshes = new Map<string, number[]>();
  const lastFailure = new Map<string, string>();
  /** Sessions whose last request answered 401 since their last refresh: only such a refresh is part of a loop. */
  const afterFailure = new Set<string>();
  const warned = new Set<string>();
  runtime.onReset(() => {
    refreshes.clear();
    lastFailure.clear();
    afterFailure.clear();
    warned.clear();
  });

  const isRefresh = (ctx: RouteContext) => ctx.request.method === "POST" && ctx.path === "/auth/session";

  const failed = (ctx: RouteContext, status: number) => {
    if (status !== 401 || isRefresh(ctx)) return;
    const { sessionId } = tokenSubject(ctx.request);
    if (sessionId === undefined) return;
    lastFailure.set(sessionId, requestLabel({ method: ctx.request.method, path: ctx.path }));
    afterFailure.add(sessionId);
  };

  const refreshed = (ctx: RouteContext) => {
    const { sessionId, userId } = tokenSubject(ctx.request);
    if (sessionId === undefined || userId === undefined || warned.has(sessionId)) return;
    // A refresh no 401 asked for (`refreshCustomData()`, `refreshAccessToken()`) is the app's own doing, however often.
    if (!afterFailure.delete(sessionId)) return;
    const now = runtime.now();
    const recent = (refreshes.get(sessionId) ?? []).filter((at) => now - at < windowMs);
    recent.push(now);
    refreshes.set(sessionId, recent);
    if (recent.length <= threshold) return;
    warned.add(sessionId);
    refreshes.delete(sessionId);
    const failingRoute = lastFailure.get(sessionId) ?? null;
    runtime.emit({
      type: "refresh-loop",
      userId,
      sessionId,
      refreshes: recent.length,
      windowMs,
      failingRoute,
    });
    runtime.logger.warn(
      `User ${userId} refreshed its access token ${recent.length} times within ${windowMs} ms (session ${sessionId}); ` +
        `the request that kept answering 401 was ${failingRoute ?? "unknown"}. realm-web refreshes and retries ` +
        "without limit on 401 InvalidSession: look for a fault or a token that never becomes valid.",
    );
  };

  return (next) => async (ctx) => {
    let response: Response;
    try {
      response = await next(ctx);
    } catch (error) {
      if (isAppServicesError(error)) failed(ctx, error.status);
      throw error;
    }
    if (isRefresh(ctx) && response.ok) refreshed(ctx);
    else failed(ctx, response.status);
    return response;
  };
}
