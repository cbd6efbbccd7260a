import { decodeObjectBody } from "../ejson.js";
import {
  confirm,
  register,
  resendConfirmation,
  retryCustomConfirmation,
} from "../operations/email-password.js";
import { callResetFunction, resetPassword, sendResetEmail } from "../operations/password-reset.js";
import { empty } from "../pipeline/respond.js";
import type { Route, RouteContext } from "../pipeline/types.js";

const base = "^\\/app\\/[^/]+\\/auth\\/providers\\/local-userpass";

type Operation = (runtime: RouteContext["runtime"], body: Record<string, unknown>) => unknown;

function post(suffix: string, operation: Operation, status = 204): Route {
  return {
    method: "POST",
    pattern: new RegExp(`${base}\\/${suffix}$`),
    handle: async ({ runtime, bodyText }) => {
      await operation(runtime, decodeObjectBody(bodyText));
      return empty(status);
    },
  };
}

/**
 * The email/password account routes. They carry the current user's access token when one is logged in; it is
 * ignored on purpose (validating it would turn a stale token into a refresh loop on a public route). realm-web
 * ignores the reply body, so every success is an empty 2xx.
 *
 * FIDELITY: the exact success codes are unconfirmed (the spec says "2xx, ignored"); the kit answers 201 for
 * register and 204 for the rest.
 */
export const emailPasswordRoutes: readonly Route[] = [
  post("register", register, 201),
  post("confirm", confirm),
  post("confirm\\/send", resendConfirmation),
  post("confirm\\/call", retryCustomConfirmation),
  post("reset", resetPassword),
  post("reset\\/send", sendResetEmail),
  post("reset\\/call", callResetFunction),
];
