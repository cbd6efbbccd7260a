import { toPlainJson } from "../ejson.js";
import { providerId } from "../providers/provider-id.js";
import type { AppRuntime } from "../runtime.js";
import { customDataFor } from "../state/collections.js";
import { endSession } from "../state/sessions.js";
import { deleteUser, profileData } from "../state/users.js";
import { accessTokenFor } from "./login.js";
import type { Authenticated } from "./session-guard.js";

export interface ProfileReply {
  user_id: string;
  domain_id: string;
  identities: {
    id: string;
    provider_type: string;
    provider_id: string;
    provider_data: Record<string, unknown>;
  }[];
  data: Record<string, unknown>;
  type: "normal" | "server";
}

/** `GET /auth/profile`. */
export function profile(runtime: AppRuntime, auth: Authenticated): ProfileReply {
  const { user } = auth;
  return {
    user_id: user.id,
    domain_id: runtime.domainId,
    identities: user.identities.map((identity) => ({
      id: identity.id,
      provider_type: identity.providerType,
      provider_id: providerId(runtime, identity.providerType),
      provider_data: { ...identity.data },
    })),
    data: profileData(user),
    type: user.type,
  };
}

/** `POST /auth/session` (refresh token): a new access token with the current custom user data. */
export async function refreshAccessToken(
  runtime: AppRuntime,
  auth: Authenticated,
): Promise<{ access_token: string }> {
  const access_token = await accessTokenFor(runtime, auth.session);
  const customData = customDataFor(runtime, auth.user.id);
  runtime.emit({
    type: "access-token-refreshed",
    userId: auth.user.id,
    sessionId: auth.session.id,
    customData: customData === undefined ? {} : (toPlainJson(customData) as Record<string, unknown>),
  });
  return { access_token };
}

/** `DELETE /auth/session` (refresh token): ends that session only. */
export function logout(runtime: AppRuntime, auth: Authenticated): void {
  runtime.update((s) => ({ ...s, sessions: endSession(s.sessions, auth.session.id) }));
  runtime.emit({ type: "logged-out", userId: auth.user.id, sessionId: auth.session.id });
}

/** Deletes a user with all it owns and journals it (the SDK's `deleteUser` and `mock.users.delete`). */
export function removeUser(runtime: AppRuntime, userId: string): void {
  runtime.update((s) => deleteUser(s, userId));
  runtime.emit({ type: "user-deleted", userId });
}

/** `DELETE /auth/delete` (access token of the current user): removes the user and all it owns. */
export function deleteCurrentUser(runtime: AppRuntime, auth: Authenticated): void {
  removeUser(runtime, auth.user.id);
}
