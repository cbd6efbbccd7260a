import { ObjectId } from "bson";
import { toPlainJson } from "../ejson.js";
import { AppServicesError, isAppServicesError } from "../errors.js";
import { providerFor } from "../providers/registry.js";
import type { ResolvedIdentity } from "../providers/types.js";
import type { AppRuntime } from "../runtime.js";
import { customDataFor } from "../state/collections.js";
import { putSession } from "../state/sessions.js";
import type { IdentityRecord, SessionRecord, UserRecord } from "../state/types.js";
import { addIdentity, putUser, userByIdentity } from "../state/users.js";
import { mintAccessToken, mintRefreshToken } from "../tokens.js";
import type { Authenticated } from "./session-guard.js";

export interface LoginReply {
  access_token: string;
  refresh_token: string;
  user_id: string;
  device_id: string;
}

export interface LinkReply {
  access_token: string;
  user_id: string;
  device_id: string;
}

const NO_DEVICE = "000000000000000000000000";

/**
 * FIDELITY: how the real server picks `device_id` is unconfirmed. The kit echoes `options.device.deviceId` when
 * the client sends one and mints a new ObjectId otherwise (never the all-zero id, which realm-web ignores).
 */
function deviceIdOf(runtime: AppRuntime, payload: Readonly<Record<string, unknown>>): string {
  const options = payload.options as { device?: { deviceId?: unknown } } | undefined;
  const sent = options?.device?.deviceId;
  const hex = sent instanceof ObjectId ? sent.toHexString() : typeof sent === "string" ? sent : undefined;
  return hex && /^[0-9a-f]{24}$/i.test(hex) && hex !== NO_DEVICE ? hex.toLowerCase() : runtime.ids.hex();
}

/** The credential payload without the SDK's `options` block. */
function credentialsOf(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { options: _options, ...rest } = body;
  return rest;
}

/** An access token carrying the user's current custom data. */
export function accessTokenFor(runtime: AppRuntime, session: SessionRecord): Promise<string> {
  const customData = customDataFor(runtime, session.userId);
  return mintAccessToken(
    runtime,
    session,
    customData === undefined ? undefined : (toPlainJson(customData) as Record<string, unknown>),
  );
}

function newUser(runtime: AppRuntime, resolved: ResolvedIdentity): UserRecord {
  return {
    id: runtime.ids.hex(),
    type: resolved.userType ?? "normal",
    createdAt: runtime.now(),
    disabled: false,
    identities: [resolved.identity],
    data: {},
  };
}

/** Replaces the stored data of an identity the user already has with what the provider proved now. */
function refreshIdentity(runtime: AppRuntime, user: UserRecord, identity: IdentityRecord): UserRecord {
  const identities = user.identities.map((i) => (i.key === identity.key ? { ...i, data: identity.data } : i));
  const updated = { ...user, identities };
  runtime.update((s) => putUser(s, updated));
  return updated;
}

/** `POST …/auth/providers/:provider/login`: finds or creates the user, opens a session, mints both tokens. */
export async function login(
  runtime: AppRuntime,
  providerName: string,
  body: Readonly<Record<string, unknown>>,
): Promise<LoginReply> {
  const provider = providerFor(runtime, providerName);
  const resolved = await provider.login(credentialsOf(body), runtime);
  let user = resolved.ownerId
    ? runtime.state.users.get(resolved.ownerId)
    : userByIdentity(runtime.state, resolved.identity.key);
  if (!user) {
    if (resolved.ownerId) throw new AppServicesError("InvalidPassword");
    const created = newUser(runtime, resolved);
    runtime.update((s) => putUser(s, created));
    runtime.emit({ type: "user-created", userId: created.id, provider: provider.type });
    user = created;
  } else {
    // Refused before anything is written: a disabled user's profile keeps what it had.
    // FIDELITY: wording and status for a disabled user's login are unconfirmed.
    if (user.disabled) throw new AppServicesError("UserDisabled");
    // Metadata (custom JWT fields, OAuth profile, function display name) is refreshed on every login.
    if (!resolved.ownerId) user = refreshIdentity(runtime, user, resolved.identity);
  }
  const now = runtime.now();
  const session: SessionRecord = {
    id: runtime.nextSessionId(),
    userId: user.id,
    deviceId: deviceIdOf(runtime, body),
    providerType: provider.type,
    createdAt: now,
    expiresAt: now + runtime.refreshTtl * 1000,
  };
  runtime.update((s) => ({ ...s, sessions: putSession(s.sessions, session) }));
  runtime.emit({ type: "logged-in", userId: user.id, provider: provider.type, sessionId: session.id });
  const [access_token, refresh_token] = await Promise.all([
    accessTokenFor(runtime, session),
    mintRefreshToken(runtime, session),
  ]);
  return { access_token, refresh_token, user_id: user.id, device_id: session.deviceId };
}

/**
 * `POST …/login?link=true`: proves the credentials and adds their identity to the user of the access token.
 *
 * FIDELITY: the real status and text of a refused link are unconfirmed. Refusals are answered with status 400 and
 * a message starting "invalid user link request" (the wording seen in realm/realm-js#3113), never with a 401
 * carrying "unauthorized"/InvalidSession, which would make realm-web refresh and retry the link forever.
 */
export async function link(
  runtime: AppRuntime,
  providerName: string,
  body: Readonly<Record<string, unknown>>,
  auth: Authenticated,
): Promise<LinkReply> {
  const refuse = (error: AppServicesError) => error.withStatus(400, "invalid user link request: ");
  let resolved: ResolvedIdentity;
  try {
    const provider = providerFor(runtime, providerName);
    resolved = await provider.login(credentialsOf(body), runtime);
  } catch (error) {
    // An unemulated flow (OAuth redirect) stays a 501; every other refusal is a 400.
    throw isAppServicesError(error) && error.code !== "NotImplemented" ? refuse(error) : error;
  }
  if (resolved.ownerId !== undefined) {
    throw refuse(new AppServicesError("BadRequest", `cannot link credentials of provider '${providerName}'`));
  }
  const owner = userByIdentity(runtime.state, resolved.identity.key);
  if (owner && owner.id !== auth.user.id) {
    throw refuse(new AppServicesError("BadRequest", "the identity is already linked to another user"));
  }
  if (!owner) {
    runtime.update((s) => addIdentity(s, auth.user.id, resolved.identity));
    runtime.emit({ type: "identity-linked", userId: auth.user.id, provider: resolved.identity.providerType });
  }
  const access_token = await accessTokenFor(runtime, auth.session);
  return { access_token, user_id: auth.user.id, device_id: auth.session.deviceId };
}
