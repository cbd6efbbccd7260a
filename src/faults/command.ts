import type { TokenTtls } from "../control/time-api.js";
import type { MockApp } from "../create-mock-app.js";
import { AppServicesError } from "../errors.js";
import { isPlainObject } from "../mongodb/index.js";
import { FaultSpecError, parseFaultSpec } from "./spec.js";
import type { FaultInfo, FaultSpec } from "./types.js";

/** A fault description as JSON: everything but the predicate. */
export type FaultSpecJson = Omit<FaultSpec, "when">;

/** What a control route (or any JSON channel) can ask of a mock's faults and token lifecycle. */
export type FaultCommand =
  | { readonly action: "inject"; readonly fault: FaultSpecJson }
  | { readonly action: "clear"; readonly id?: string }
  | { readonly action: "list" }
  | { readonly action: "expire-access-tokens"; readonly userId?: string }
  | { readonly action: "expire-refresh-tokens"; readonly userId?: string }
  | {
      readonly action: "set-token-ttls";
      readonly accessTokenTtlSeconds?: number;
      readonly refreshTokenTtlSeconds?: number;
    };

/** The JSON answer to each command. */
export type FaultCommandResult =
  | { readonly id: string }
  | { readonly cleared: number }
  | { readonly faults: FaultInfo[] }
  | { readonly sessions: number }
  | { readonly ttls: TokenTtls };

const bad = (message: string) => new AppServicesError("BadRequest", message);

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw bad(`${name} must be a non-empty string`);
  return value;
}

function existingUser(mock: MockApp, value: unknown): string | undefined {
  const id = optionalId(value, "userId");
  if (id !== undefined && mock.users.get(id) === undefined) throw new AppServicesError("UserNotFound");
  return id;
}

function ttlField(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 1) {
    throw bad(`${name} must be a number of seconds ≥ 1`);
  }
  return value;
}

/**
 * Applies one command given as parsed JSON (`JSON.parse` of a control request's body) to a mock app and returns
 * the JSON answer. Meant for the local server's control routes; tests call `mock.faults` and `mock.time` directly.
 * Every input is checked first: a bad command throws `AppServicesError` (`BadRequest`, or `UserNotFound` for an
 * unknown user) and changes nothing, so the pipeline's boundary answers it like any client error.
 *
 * ```ts
 * applyFaultCommand(mock, { action: "inject", fault: { route: "functions", effect: { kind: "network-error" } } });
 * // → { id: "fault-1" }
 * ```
 */
export function applyFaultCommand(mock: MockApp, command: unknown): FaultCommandResult {
  if (!isPlainObject(command) || typeof command.action !== "string") {
    throw bad("a fault command is an object with an 'action'");
  }
  switch (command.action) {
    case "inject": {
      let spec: FaultSpec;
      try {
        spec = parseFaultSpec(command.fault);
      } catch (error) {
        if (error instanceof FaultSpecError) throw bad(error.message);
        throw error;
      }
      if (spec.when !== undefined) throw bad("a fault sent as JSON cannot carry a predicate");
      return { id: mock.faults.inject(spec).id };
    }
    case "clear":
      return { cleared: mock.faults.clear(optionalId(command.id, "id")) };
    case "list":
      return { faults: mock.faults.list() };
    case "expire-access-tokens":
      return { sessions: mock.time.expireAccessTokens(existingUser(mock, command.userId)) };
    case "expire-refresh-tokens":
      return { sessions: mock.time.expireRefreshTokens(existingUser(mock, command.userId)) };
    case "set-token-ttls": {
      const access = ttlField(command.accessTokenTtlSeconds, "accessTokenTtlSeconds");
      const refresh = ttlField(command.refreshTokenTtlSeconds, "refreshTokenTtlSeconds");
      mock.time.setTokenTtls({
        ...(access === undefined ? {} : { accessTokenTtlSeconds: access }),
        ...(refresh === undefined ? {} : { refreshTokenTtlSeconds: refresh }),
      });
      return { ttls: mock.time.tokenTtls() };
    }
    default:
      throw bad(`unknown fault command action '${command.action}'`);
  }
}
