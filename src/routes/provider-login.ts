import { decodeObjectBody } from "../ejson.js";
import { link, login } from "../operations/login.js";
import { authenticate } from "../operations/session-guard.js";
import { json } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";
import { redirectNotEmulated } from "../providers/oauth2.js";
import { providerFor } from "../providers/registry.js";

/** `POST …/app/:appId/auth/providers/:provider/login` (and `?link=true`). */
export const providerLoginRoutes: readonly Route[] = [
  {
    method: "POST",
    pattern: /^\/app\/[^/]+\/auth\/providers\/(?<provider>[^/]+)\/login$/,
    handle: async ({ runtime, request, url, params, bodyText }) => {
      const provider = params.provider ?? "";
      const body = decodeObjectBody(bodyText);
      if (url.searchParams.get("link") === "true") {
        const auth = await authenticate({ runtime, request }, "access");
        return json(await link(runtime, provider, body, auth));
      }
      return json(await login(runtime, provider, body));
    },
  },
  {
    // The OAuth 2.0 redirect flow: a browser window (login) or a GET with `providerRedirectHeader` (link).
    method: "GET",
    pattern: /^\/app\/[^/]+\/auth\/providers\/(?<provider>[^/]+)\/login$/,
    handle: ({ runtime, params }) => {
      const provider = providerFor(runtime, params.provider ?? "");
      throw redirectNotEmulated(provider.type);
    },
  },
];
