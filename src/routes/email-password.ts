import { decodeObjectBody } from "../ejson.js";
import { register } from "../operations/email-password.js";
import { empty } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";

const base = "^\\/app\\/[^/]+\\/auth\\/providers\\/local-userpass";

/**
 * The email/password account routes. They carry the current user's access token when one is logged in; it is
 * ignored on purpose (validating it would turn a stale token into a refresh loop on a public route).
 */
export const emailPasswordRoutes: readonly Route[] = [
  {
    method: "POST",
    pattern: new RegExp(`${base}\\/register$`),
    handle: ({ runtime, bodyText }) => {
      register(runtime, decodeObjectBody(bodyText));
      return empty(201);
    },
  },
];
