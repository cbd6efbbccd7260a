import type { AppRuntime } from "../runtime.js";

/** What a route handler gets. Bodies are read once, as text, by the pipeline. */
export interface RouteContext {
  readonly runtime: AppRuntime;
  readonly request: Request;
  readonly url: URL;
  /** The path after `/api/client/v2.0` (what route patterns match). */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly bodyText: string | null;
  /** The route that matched. */
  readonly route: Route;
}

/** The route stage of the pipeline: the matched route's context in, its reply out. */
export type RouteDispatch = (context: RouteContext) => Promise<Response>;

/**
 * A layer around the routes (faults, the refresh-loop guard): it sees every request a route matched, with its
 * body already read, and may answer instead of the route. What it throws is rendered like a route's error.
 */
export type PipelineLayer = (next: RouteDispatch) => RouteDispatch;

export interface Route {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** Matched against the path after `/api/client/v2.0`, with named groups as params. */
  readonly pattern: RegExp;
  readonly handle: (context: RouteContext) => Response | Promise<Response>;
}

/**
 * The kit's request pipeline: a standard Fetch `Request` in, a `Response` out, or `undefined` when the request
 * belongs to no route of this app (another mock app, or not App Services at all). Independent of MSW: the MSW
 * handlers, a future HTTP server and a fault layer all wrap this one function.
 */
export type RequestPipeline = (request: Request) => Promise<Response | undefined>;
