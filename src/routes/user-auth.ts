import { authenticate } from "../operations/session-guard.js";
import { deleteCurrentUser, logout, profile, refreshAccessToken } from "../operations/user-auth.js";
import { empty, json } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";

/** The user-scoped `/auth/*` routes: the bearer token alone says which user (no app id in the path). */
export const userAuthRoutes: readonly Route[] = [
  {
    method: "GET",
    pattern: /^\/auth\/profile$/,
    handle: async ({ runtime, request }) =>
      json(profile(runtime, await authenticate({ runtime, request }, "access"))),
  },
  {
    method: "POST",
    pattern: /^\/auth\/session$/,
    // FIDELITY: 201 for a refresh is unconfirmed for the client API; realm-web accepts any 2xx.
    handle: async ({ runtime, request }) =>
      json(await refreshAccessToken(runtime, await authenticate({ runtime, request }, "refresh")), 201),
  },
  {
    method: "DELETE",
    pattern: /^\/auth\/session$/,
    handle: async ({ runtime, request }) => {
      const auth = await authenticate({ runtime, request }, "refresh", {
        allowDisabled: true,
      });
      logout(runtime, auth);
      return empty();
    },
  },
  {
    method: "DELETE",
    pattern: /^\/auth\/delete$/,
    handle: async ({ runtime, request }) => {
      deleteCurrentUser(runtime, await authenticate({ runtime, request }, "access"));
      return empty();
    },
  },
];
