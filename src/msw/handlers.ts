import { http, type RequestHandler } from "msw";
import type { RequestPipeline } from "../pipeline/types.js";

/** Every App Services client route, whatever the origin (so any `baseUrl` works). */
export const CLIENT_API = /\/api\/client\/v2\.0\//;

/**
 * The MSW side of the kit: one handler that hands each App Services request to the pipeline. Returning
 * `undefined` lets MSW try the next handler (another mock app, or the user's own handlers).
 */
export function createMswHandlers(pipeline: RequestPipeline): RequestHandler[] {
  // No clone: the pipeline never reads the body of a request it passes on (see createPipeline).
  return [http.all(CLIENT_API, ({ request }) => pipeline(request))];
}
