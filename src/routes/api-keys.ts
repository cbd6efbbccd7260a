import { decodeObjectBody } from "../ejson.js";
import {
  createApiKey,
  deleteApiKey,
  fetchApiKey,
  listApiKeys,
  setApiKeyDisabled,
} from "../operations/api-keys.js";
import { authenticate } from "../operations/session-guard.js";
import { empty, json } from "../pipeline/respond.js";
import type { Route, RouteContext } from "../pipeline/types.js";

/** Every API-key route authenticates with the REFRESH token (a 401 there logs the realm-web user out). */
const auth = (ctx: RouteContext) => authenticate(ctx, "refresh");

const one = /^\/auth\/api_keys\/(?<id>[^/]+)$/;

/** The user-scoped `/auth/api_keys` routes (no app id in the path: the token says which user). */
export const apiKeyRoutes: readonly Route[] = [
  {
    method: "POST",
    pattern: /^\/auth\/api_keys$/,
    handle: async (ctx) =>
      json(createApiKey(ctx.runtime, await auth(ctx), decodeObjectBody(ctx.bodyText)), 201),
  },
  {
    method: "GET",
    pattern: /^\/auth\/api_keys$/,
    handle: async (ctx) => json(listApiKeys(ctx.runtime, await auth(ctx))),
  },
  {
    method: "GET",
    pattern: one,
    handle: async (ctx) => json(fetchApiKey(ctx.runtime, await auth(ctx), ctx.params.id ?? "")),
  },
  {
    method: "DELETE",
    pattern: one,
    handle: async (ctx) => {
      deleteApiKey(ctx.runtime, await auth(ctx), ctx.params.id ?? "");
      return empty();
    },
  },
  {
    method: "PUT",
    pattern: /^\/auth\/api_keys\/(?<id>[^/]+)\/(?<action>enable|disable)$/,
    handle: async (ctx) => {
      setApiKeyDisabled(ctx.runtime, await auth(ctx), ctx.params.id ?? "", ctx.params.action === "disable");
      return empty();
    },
  },
];
