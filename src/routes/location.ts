import { json } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";

/**
 * `GET …/app/:appId/location`. The hostname is the origin the request came to, so every later request stays on
 * the base URL the app was configured with.
 *
 * FIDELITY: `deployment_model`, `location` and `ws_hostname` follow the spec's example (a GLOBAL app); realm-web
 * reads only `hostname`.
 */
export const locationRoutes: readonly Route[] = [
  {
    method: "GET",
    pattern: /^\/app\/[^/]+\/location$/,
    handle: ({ url }) =>
      json({
        deployment_model: "GLOBAL",
        location: "US-VA",
        hostname: url.origin,
        ws_hostname: url.origin.replace(/^http/, "ws"),
      }),
  },
];
