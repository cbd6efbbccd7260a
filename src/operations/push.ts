import { requireString } from "../ejson.js";
import type { AppRuntime } from "../runtime.js";
import type { PushRegistration } from "../state/types.js";
import type { Authenticated } from "./session-guard.js";

export const pushKey = (userId: string, service: string) => `${userId}\u0000${service}`;

/**
 * `PUT …/app/:appId/push/providers/:service/registration` `{ registrationToken }` (access token): one registration
 * per user and service; a new token replaces the old one.
 *
 * FIDELITY: realm-web 2.0.1 never sends this (`user.push()` throws "Not yet implemented"); other SDKs do. The real
 * server checks that `service` names a configured push service; the kit accepts any name.
 */
export function registerPush(
  runtime: AppRuntime,
  auth: Authenticated,
  service: string,
  body: Readonly<Record<string, unknown>>,
): PushRegistration {
  const registrationToken = requireString(body, "registrationToken");
  const registration: PushRegistration = {
    userId: auth.user.id,
    service,
    registrationToken,
    at: runtime.now(),
  };
  runtime.update((s) => ({
    ...s,
    pushRegistrations: s.pushRegistrations.set(pushKey(auth.user.id, service), registration),
  }));
  runtime.emit({ type: "push-registered", userId: auth.user.id, service, registrationToken });
  return registration;
}

/** `DELETE …/push/providers/:service/registration` (access token). Deregistering twice is not an error. */
export function deregisterPush(runtime: AppRuntime, auth: Authenticated, service: string): void {
  const key = pushKey(auth.user.id, service);
  if (!runtime.state.pushRegistrations.has(key)) return;
  runtime.update((s) => ({ ...s, pushRegistrations: s.pushRegistrations.delete(key) }));
  runtime.emit({ type: "push-deregistered", userId: auth.user.id, service });
}
