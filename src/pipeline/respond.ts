import { encodeReply } from "../ejson.js";
import { type AppServicesError, isAppServicesError } from "../errors.js";
import type { Logger } from "../logger.js";

const JSON_TYPE = { "content-type": "application/json" };
const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  503: "Service Unavailable",
};

/** A JSON (EJSON relaxed) reply. */
export function json(value: unknown, status = 200): Response {
  return new Response(encodeReply(value), { status, statusText: REASONS[status] ?? "", headers: JSON_TYPE });
}

/** A JSON reply from already encoded (EJSON) text. */
export function jsonText(text: string, status = 200): Response {
  return new Response(text, { status, statusText: REASONS[status] ?? "", headers: JSON_TYPE });
}

/** An empty 2xx reply without content-type: realm-web turns it into `null` without reading the body. */
export function empty(status = 204): Response {
  return new Response(null, { status, statusText: REASONS[status] ?? "" });
}

export function errorResponse(error: AppServicesError): Response {
  return json(error.toBody(), error.status);
}

/** The one boundary: catalogued errors become their wire body; anything else is logged and answered with 500. */
export function toErrorResponse(error: unknown, logger: Logger, where: string): Response {
  if (isAppServicesError(error)) return errorResponse(error);
  logger.warn(`Unexpected exception while answering ${where}; answered 500 InternalServerError.`, error);
  return json({ error: "internal server error", error_code: "InternalServerError" }, 500);
}
