import { decodeBase64url } from "../base64url.js";
import { decodeObjectBody } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import { functionRequest, functionUser } from "../functions/context.js";
import type { FunctionRunner, Invocation } from "../functions/runner.js";
import { type Doc, isPlainObject, type Namespace } from "../mongodb/index.js";
import { loadMingo } from "../mongodb/mingo.js";
import { type Authenticated, authenticate } from "../operations/session-guard.js";
import { json, jsonText } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";
import type { RuleActor } from "../rules/engine.js";
import type { AppRuntime } from "../runtime.js";
import type { MongoServices } from "../services/mongo-services.js";

const CALL = /^\/app\/[^/]+\/functions\/call$/;

/** A decoded `{ name, arguments, service? }` request. */
interface FunctionCall {
  name: string;
  arguments: unknown[];
  service: string | undefined;
}

function parseCall(body: Readonly<Record<string, unknown>>): FunctionCall {
  const { name, arguments: args, service } = body;
  if (typeof name !== "string" || name === "") {
    throw new AppServicesError("BadRequest", "function name must be a non-empty string");
  }
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    throw new AppServicesError("BadRequest", "function arguments must be an array");
  }
  if (service !== undefined && service !== null && typeof service !== "string") {
    throw new AppServicesError("BadRequest", "service must be a string");
  }
  return { name, arguments: Array.isArray(args) ? args : [], service: service ?? undefined };
}

/** The single argument document of a MongoDB service action and the collection it names (§12.1). */
function serviceArgument(call: FunctionCall, service: string): { ns: Namespace; arg: Doc } {
  const [arg] = call.arguments;
  if (!isPlainObject(arg)) {
    throw new AppServicesError("InvalidParameter", `${call.name}: expected one argument document`);
  }
  const { database, collection } = arg;
  if (typeof database !== "string" || database === "") {
    throw new AppServicesError("MissingParameter", `${call.name}: missing argument 'database'`);
  }
  if (typeof collection !== "string" || collection === "") {
    throw new AppServicesError("MissingParameter", `${call.name}: missing argument 'collection'`);
  }
  return { ns: { service, database, collection }, arg };
}

/**
 * Base64 (standard or URL-safe alphabet, padding optional) of UTF-8 text, decoded with the web platform's `atob`
 * and `TextDecoder` so the route runs in browsers too. Anything else is a 400, never a 500.
 */
function decodeBase64Text(param: string): string {
  try {
    return decodeBase64url(param);
  } catch {
    throw new AppServicesError("BadRequest", "baas_request must be base64 of UTF-8 JSON");
  }
}

/** The `baas_request` query parameter of a streaming call: base64 of UTF-8 JSON (§11.2). */
function decodeBaasRequest(url: URL): FunctionCall {
  const param = url.searchParams.get("baas_request");
  if (param === null || param === "") throw new AppServicesError("BadRequest", "missing baas_request");
  return parseCall(decodeObjectBody(decodeBase64Text(param)));
}

/** The caller as functions (`context.user`, `context.request`) and collection rules (`%%user`, `%%request`) see it. */
function ruleActorOf(auth: Authenticated, request: Request): RuleActor {
  return { user: functionUser(auth.user, auth.claims.user_data), request: functionRequest(request) };
}

function invocationOf(runtime: AppRuntime, auth: Authenticated, request: Request): Invocation {
  const { user, request: details } = ruleActorOf(auth, request);
  return { scope: runtime, callerId: auth.user.id, user, request: details };
}

/** Ties a watch stream to the request: an aborted request ends it (when MSW passes the abort on at all). */
function untilAborted(stream: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const relay = new TransformStream<Uint8Array, Uint8Array>();
  stream.pipeTo(relay.writable, { signal }).catch(() => undefined);
  return relay.readable;
}

/**
 * `functions/call`: user functions (POST), MongoDB service actions (POST with `service`) and watch streams
 * (GET with `?baas_request=`).
 */
export function functionRoutes(runner: FunctionRunner, services: MongoServices): readonly Route[] {
  return [
    {
      method: "POST",
      pattern: CALL,
      handle: async ({ runtime, request, bodyText }) => {
        const auth = await authenticate({ runtime, request }, "access");
        const call = parseCall(decodeObjectBody(bodyText));
        if (call.service === undefined) {
          return jsonText(
            await runner.callFromClient(call.name, call.arguments, invocationOf(runtime, auth, request)),
          );
        }
        services.require(call.service);
        const { ns, arg } = serviceArgument(call, call.service);
        return json(await services.runFor(runtime, ns, call.name, arg, ruleActorOf(auth, request)));
      },
    },
    {
      method: "GET",
      pattern: CALL,
      handle: async ({ runtime, request, url }) => {
        const auth = await authenticate({ runtime, request }, "access");
        const call = decodeBaasRequest(url);
        if (call.service !== undefined) services.require(call.service);
        if (call.service === undefined || call.name !== "watch") {
          // FIDELITY: streaming calls of user functions are not emulated (mock-only 501).
          throw new AppServicesError("NotImplemented", "GET", `${url.pathname} (streaming '${call.name}')`);
        }
        const { ns, arg } = serviceArgument(call, call.service);
        if (arg.ids !== undefined && arg.ids !== null && !Array.isArray(arg.ids)) {
          throw new AppServicesError("InvalidParameter", "watch: 'ids' must be an array");
        }
        if (arg.filter !== undefined && arg.filter !== null && !isPlainObject(arg.filter)) {
          throw new AppServicesError("InvalidParameter", "watch: 'filter' must be a document");
        }
        const options = {
          ids: Array.isArray(arg.ids) ? arg.ids : undefined,
          filter: isPlainObject(arg.filter) ? arg.filter : undefined,
        };
        await loadMingo();
        const stream = services.watch(ns, options, ruleActorOf(auth, request));
        return new Response(untilAborted(stream, request.signal), {
          status: 200,
          statusText: "OK",
          headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        });
      },
    },
  ];
}
