import { EJSON } from "bson";
import { cloneValue } from "../mongodb/index.js";
import type { RuleActor } from "../rules/engine.js";
import type { AppRuntime } from "../runtime.js";
import type { MongoServices } from "../services/mongo-services.js";
import type { UserRecord } from "../state/types.js";
import { profileData } from "../state/users.js";
import type { FunctionContext, FunctionHttp, FunctionRequest, FunctionUser } from "./types.js";

/**
 * FIDELITY: the id App Services gives its system user is not documented; the kit uses 24 zeros.
 * A template: each call gets its own copy (`systemUser()`), since `Object.freeze` does not reach nested values.
 */
const SYSTEM_USER: FunctionUser = Object.freeze({
  id: "000000000000000000000000",
  type: "system",
  data: {},
  custom_data: {},
  identities: [],
});

/** A fresh system user for one call: what function code changes in it stays in that call. */
export const systemUser = (): FunctionUser => cloneValue(SYSTEM_USER);

/**
 * `context.user` of a client user. `claims` is the decoded `user_data` claim of the access token of the call.
 *
 * FIDELITY: `custom_data` is the document the caller's access token carries, i.e. read when that token was minted
 * (like realm-web's `user.customData`, it changes after `refreshCustomData()`), as the App Services docs describe.
 * Identity `data` is `{}` for email/password identities (the email shows in the user's `data`), as in the
 * documented example; other providers' identities carry their metadata. Everything is a deep copy: function code
 * may change `context.user` without touching the stored user.
 */
export function functionUser(user: UserRecord, userData: unknown): FunctionUser {
  const custom =
    userData !== null && typeof userData === "object"
      ? (EJSON.deserialize(userData as Record<string, unknown>, { relaxed: true }) as Record<string, unknown>)
      : {};
  return {
    id: user.id,
    type: user.type,
    data: cloneValue(profileData(user)),
    custom_data: custom,
    identities: user.identities.map((identity) => ({
      id: identity.id,
      provider_type: identity.providerType,
      data: identity.providerType === "local-userpass" ? {} : cloneValue(identity.data),
    })),
  };
}

/** `context.request` from the client's Fetch request. */
export function functionRequest(request: Request): FunctionRequest {
  const headers: Record<string, string[]> = {};
  // Fetch `Headers` already joins repeated headers into one value.
  for (const [name, value] of request.headers.entries()) headers[name] = [value];
  const url = new URL(request.url);
  return {
    httpMethod: request.method,
    requestHeaders: headers,
    rawQueryString: url.search.replace(/^\?/, ""),
    httpUserAgent: request.headers.get("user-agent") ?? undefined,
    remoteIPAddress: "127.0.0.1",
  };
}

export interface ContextParts {
  runtime: AppRuntime;
  services: MongoServices;
  user: FunctionUser;
  /** System rights: `runAsSystem`, or no authenticated caller. */
  system: boolean;
  request: FunctionRequest | undefined;
  execute: (name: string, args: unknown[]) => Promise<unknown>;
  /** Who collection rules are checked for; undefined for system calls (rules bypassed). */
  checkedAs?: RuleActor | undefined;
}

const notEmulated = (method: string) => () =>
  Promise.reject(
    new Error(
      `context.http.${method} is not emulated by app-services-mock: the kit makes no outbound requests`,
    ),
  );

/** `context.http`: every method rejects, naming itself. */
const HTTP: FunctionHttp = Object.freeze({
  get: notEmulated("get"),
  post: notEmulated("post"),
  put: notEmulated("put"),
  patch: notEmulated("patch"),
  delete: notEmulated("delete"),
  head: notEmulated("head"),
});

/** Builds the `context` argument of one function invocation. */
export function buildContext(parts: ContextParts): FunctionContext {
  const { runtime, services, user, system } = parts;
  const actor = user.type === "system" ? null : user.id;
  const values = runtime.options.values ?? {};
  const environment = runtime.options.environment;
  // `runtime` is the view of the request that started the call: its writes stop at the next reset.
  return {
    user,
    runningAsSystem: () => system,
    environment: { tag: environment?.tag ?? "", values: cloneValue({ ...environment?.values }) },
    http: HTTP,
    services: { get: (name) => services.client(name, actor, "wire", runtime, parts.checkedAs) },
    functions: { execute: (name, ...args) => parts.execute(name, args) },
    values: { get: (name) => (Object.hasOwn(values, name) ? cloneValue(values[name]) : undefined) },
    request: parts.request,
    app: { id: runtime.domainId, clientAppId: runtime.id, name: runtime.id },
  };
}
