import { AppServicesError, catalogue, type ErrorCode } from "../errors.js";
import { errorResponse } from "../pipeline/respond.js";
import type { FaultEffect } from "./types.js";

type EffectOf<K extends FaultEffect["kind"]> = Extract<FaultEffect, { kind: K }>;

/** The App Services error an `error` effect answers with; the pipeline's boundary renders it like any other. */
export function faultError(effect: EffectOf<"error">): AppServicesError {
  const code: ErrorCode =
    effect.code ?? ((effect.status ?? 500) >= 500 ? "InternalServerError" : "BadRequest");
  const error = new AppServicesError(code, "injected fault");
  const status = effect.status ?? catalogue[code].status;
  const shaped = status === error.status ? error : error.withStatus(status);
  if (effect.message !== undefined) shaped.message = effect.message;
  return shaped;
}

/**
 * `429 TooManyRequests` or `503 ServiceUnavailable` with a `Retry-After` header (delta-seconds).
 *
 * FIDELITY: App Services' exact codes, wordings and headers for throttling and unavailability are unconfirmed;
 * `Retry-After` is the standard HTTP header for both statuses.
 */
export function throttleResponse(effect: EffectOf<"rate-limit"> | EffectOf<"unavailable">): Response {
  const response = errorResponse(
    new AppServicesError(effect.kind === "rate-limit" ? "TooManyRequests" : "ServiceUnavailable"),
  );
  response.headers.set("retry-after", String(effect.retryAfterSeconds ?? 1));
  return response;
}
