import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createControlPipeline } from "../control/routes.js";
import type { MockApp } from "../create-mock-app.js";
import { AppServicesError } from "../errors.js";
import { consoleLogger, type Logger } from "../logger.js";
import { API_PREFIX } from "../pipeline/pipeline.js";

/** Options of `startMockServer`. */
export interface MockHttpServerOptions {
  /** The mock apps to serve (one, usually). Their control routes live under `/__mock/v1/apps/:appId/…`. */
  readonly apps: readonly MockApp[];
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** Default 9090; 0 picks a free port (read it from `url`). */
  readonly port?: number;
  readonly logger?: Logger;
}

/** A running local server. */
export interface MockHttpServer {
  /** `http://host:port`: give it to realm-web as `baseUrl`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections and ends open ones (watch streams included). */
  close(): Promise<void>;
}

const ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
// realm-web reads Content-Type (safelisted) and, for OAuth redirects, Location.
const EXPOSED_HEADERS = "Content-Type, Location";

/** CORS headers for a reply to `request`: any origin may call a local test server, with credentials. */
function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  return {
    "access-control-allow-origin": origin ?? "*",
    ...(origin === undefined ? {} : { "access-control-allow-credentials": "true", vary: "Origin" }),
    "access-control-expose-headers": EXPOSED_HEADERS,
  };
}

/** The answer to a CORS preflight: every method, and whatever headers the page asks for (Authorization…). */
function preflightHeaders(request: IncomingMessage): Record<string, string> {
  const asked = request.headers["access-control-request-headers"];
  return {
    ...corsHeaders(request),
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": asked ?? "Authorization, Content-Type",
    "access-control-max-age": "600",
  };
}

/** Node's request as a Fetch `Request`, its body streamed, aborted when the client goes away. */
function toFetchRequest(request: IncomingMessage, signal: AbortSignal): Request {
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
    headers.append(request.rawHeaders[i] ?? "", request.rawHeaders[i + 1] ?? "");
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = {
    method: request.method ?? "GET",
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  };
  return new Request(url, init);
}

/** Writes a Fetch `Response` to Node's reply, streaming its body chunk by chunk (server-sent events too). */
async function sendFetchResponse(
  reply: ServerResponse,
  response: Response,
  extra: Record<string, string>,
): Promise<void> {
  const headers: Record<string, string> = { ...extra };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  reply.writeHead(response.status, response.statusText, headers);
  if (response.body === null) {
    reply.end();
    return;
  }
  reply.flushHeaders();
  await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), reply);
}

function sendJson(reply: ServerResponse, status: number, body: unknown, extra: Record<string, string>): void {
  reply.writeHead(status, { ...extra, "content-type": "application/json" });
  reply.end(JSON.stringify(body));
}

/**
 * Serves mock apps over HTTP on real sockets. Every request goes through the apps' own pipelines
 * (`mock.handle`) and the control pipeline; this file only bridges Node's `http` to Fetch `Request`/`Response`
 * and adds CORS, so the server never implements a route twice.
 */
export function startMockServer(options: MockHttpServerOptions): Promise<MockHttpServer> {
  const logger = options.logger ?? consoleLogger;
  const control = createControlPipeline(options.apps, logger);
  const handlers = [control, ...options.apps.map((app) => app.handle)];
  const host = options.host ?? "127.0.0.1";

  async function answer(request: IncomingMessage, reply: ServerResponse): Promise<void> {
    if (request.method === "OPTIONS") {
      reply.writeHead(204, preflightHeaders(request));
      reply.end();
      return;
    }
    const aborter = new AbortController();
    reply.on("close", () => aborter.abort());
    let fetchRequest: Request;
    try {
      fetchRequest = toFetchRequest(request, aborter.signal);
    } catch (error) {
      // A Host header no URL can hold, or a method Fetch forbids (TRACE, CONNECT): the client's fault.
      const refused = new AppServicesError("BadRequest", `unreadable request: ${(error as Error).message}`);
      sendJson(reply, refused.status, refused.toBody(), corsHeaders(request));
      return;
    }
    for (const handle of handlers) {
      const response = await handle(fetchRequest);
      if (response !== undefined) return sendFetchResponse(reply, response, corsHeaders(request));
    }
    const path = new URL(fetchRequest.url).pathname;
    if (request.method === "GET" && path === "/") {
      sendJson(
        reply,
        200,
        { apps: options.apps.map((a) => a.id), clientApi: API_PREFIX, control: "/__mock/v1" },
        corsHeaders(request),
      );
      return;
    }
    const notFound = new AppServicesError("RouteNotFound", request.method ?? "GET", path);
    sendJson(reply, notFound.status, notFound.toBody(), corsHeaders(request));
  }

  const server: Server = createServer((request, reply) => {
    answer(request, reply).catch((error: unknown) => {
      // A client that goes away mid-stream ends the pipeline with an abort: nothing to report.
      if (reply.destroyed || (error as { code?: string }).code === "ERR_STREAM_PREMATURE_CLOSE") return;
      logger.warn(`The server failed to answer ${request.method} ${request.url}.`, error);
      if (!reply.headersSent)
        sendJson(reply, 500, { error: "internal server error", error_code: "InternalServerError" }, {});
      else reply.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 9090, host, () => {
      server.off("error", reject);
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
