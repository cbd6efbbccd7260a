import { decodeBase64url, decodeJwtPart } from "../base64url.js";
import { isPlainObject } from "../mongodb/index.js";
import { bearerToken } from "../operations/session-guard.js";
import type { RouteContext } from "../pipeline/types.js";
import type { RequestFacts, RouteGroup } from "./types.js";

const GROUPS: readonly (readonly [RegExp, RouteGroup])[] = [
  [/^\/app\/[^/]+\/location$/, "location"],
  [/^\/app\/[^/]+\/auth\/providers\/[^/]+\/login$/, "login"],
  [/^\/app\/[^/]+\/auth\/providers\/local-userpass\//, "email-password"],
  [/^\/app\/[^/]+\/functions\/call$/, "functions"],
  [/^\/app\/[^/]+\/push\//, "push"],
  [/^\/app\/[^/]+\/graphql$/, "graphql"],
  [/^\/auth\/profile$/, "profile"],
  [/^\/auth\/(session|delete)$/, "session"],
  [/^\/auth\/api_keys(\/|$)/, "api-keys"],
];

/** The user and session a bearer token names, read without verifying it. */
export function tokenSubject(request: Request): Pick<RequestFacts, "userId" | "sessionId"> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token === undefined) return { userId: undefined, sessionId: undefined };
  try {
    const { sub, baas_id } = decodeJwtPart(token, 1);
    return {
      userId: typeof sub === "string" ? sub : undefined,
      sessionId: typeof baas_id === "string" ? baas_id : undefined,
    };
  } catch {
    return { userId: undefined, sessionId: undefined };
  }
}

/** `{ name, service, arguments: [{ database, collection }] }` of a call, from JSON text; nothing when malformed. */
function callOf(text: string | null): { name?: string; service?: string; namespace?: string } {
  if (text === null) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isPlainObject(body)) return {};
  const { name, service, arguments: args } = body;
  const first: unknown = Array.isArray(args) ? args[0] : undefined;
  const namespace =
    isPlainObject(first) && typeof first.database === "string" && typeof first.collection === "string"
      ? `${first.database}.${first.collection}`
      : undefined;
  return {
    ...(typeof name === "string" ? { name } : {}),
    ...(typeof service === "string" ? { service } : {}),
    ...(namespace === undefined ? {} : { namespace }),
  };
}

/** The `baas_request` parameter of a streaming call, decoded to JSON text (browser-safe base64). */
function baasRequestText(url: URL): string | null {
  const param = url.searchParams.get("baas_request");
  if (param === null) return null;
  try {
    return decodeBase64url(param);
  } catch {
    return null;
  }
}

/**
 * The one place that says what a matched request is: its route group, the function or MongoDB action it calls,
 * the namespace, and the user of its bearer token. Works on the body text the pipeline already read.
 */
export function classifyRequest(ctx: RouteContext): RequestFacts | undefined {
  const { request, path } = ctx;
  let group = GROUPS.find(([pattern]) => pattern.test(path))?.[1];
  if (group === undefined) return undefined;
  let call: ReturnType<typeof callOf> = {};
  if (group === "functions") {
    const streaming = request.method === "GET";
    call = callOf(streaming ? baasRequestText(ctx.url) : ctx.bodyText);
    if (streaming) group = call.name === "watch" && call.service !== undefined ? "watch" : "functions";
    else if (call.service !== undefined) group = "mongodb";
  }
  return {
    group,
    method: request.method,
    path,
    functionName: call.name,
    namespace: call.service === undefined ? undefined : call.namespace,
    ...tokenSubject(request),
  };
}

/** `METHOD /path` of a request, as events show it. */
export const requestLabel = (facts: Pick<RequestFacts, "method" | "path">) => `${facts.method} ${facts.path}`;
