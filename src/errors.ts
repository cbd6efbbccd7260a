/**
 * The one error catalogue: App Services `error_code` → HTTP status → message template. `%s` placeholders are
 * filled in order from the details given to `AppServicesError`. Statuses and wordings follow
 * `shared/spec/wire-protocol.md`; `unconfirmed` marks the ones the spec could not confirm against the real server.
 */
export const catalogue = {
  // Sessions and login
  InvalidSession: { status: 401, error: "invalid session%s" }, // status confirmed; wording unconfirmed
  InvalidPassword: { status: 401, error: "unauthorized" }, // confirmed
  UserDisabled: { status: 401, error: "user disabled" }, // unconfirmed
  // FIDELITY: unknown provider, or one absent from `providers`; status unconfirmed.
  AuthProviderNotFound: { status: 404, error: "authentication via '%s' is unsupported" },
  // FIDELITY: a provider configured as `false` (App Services `"disabled": true`); a mock-only code, status unconfirmed.
  ProviderDisabled: { status: 400, error: "authentication via '%s' is disabled" },
  // FIDELITY: failed custom-JWT, custom-function and OAuth logins, with the reason as message; code unconfirmed.
  AuthError: { status: 401, error: "%s" },
  UserNotFound: { status: 404, error: "user not found" }, // status unconfirmed
  AccountNameInUse: { status: 409, error: "name already in use" }, // status unconfirmed (400 or 409)
  UserpassTokenInvalid: { status: 400, error: "invalid token data" }, // code unconfirmed
  UserAlreadyConfirmed: { status: 400, error: "already confirmed" }, // code unconfirmed
  // FIDELITY: a mock-only code (realm-core's list has none for an unconfirmed email); wording and status unconfirmed.
  UserPendingConfirmation: { status: 401, error: "confirmation required" },
  APIKeyNotFound: { status: 404, error: "API key not found" }, // status unconfirmed
  APIKeyAlreadyExists: { status: 409, error: "API key with name '%s' already exists" }, // unconfirmed
  // Apps
  // code/status unconfirmed; the second detail is the kit's hint (served apps, how to serve one), or empty.
  AppNotFound: { status: 404, error: "cannot find app using Client App ID '%s'%s" },
  // Functions and services
  FunctionNotFound: { status: 404, error: "function not found: '%s'" }, // status unconfirmed
  FunctionExecutionError: { status: 400, error: "%s" }, // status unconfirmed
  ExecutionTimeLimitExceeded: { status: 400, error: "execution time limit exceeded" }, // unconfirmed
  NotCallable: { status: 400, error: "function not callable: '%s'" }, // unconfirmed
  ServiceNotFound: { status: 404, error: "service not found: '%s'" }, // status unconfirmed
  ServiceCommandNotFound: { status: 404, error: "no matching service command found: '%s'" }, // unconfirmed
  MongoDBError: { status: 400, error: "%s" }, // unconfirmed
  // FIDELITY: "no rule exists for namespace '<db>.<coll>'"; status 403 as a captured Stitch reply, unconfirmed since.
  NoMatchingRuleFound: { status: 403, error: "%s" },
  // Requests
  BadRequest: { status: 400, error: "%s" },
  InvalidParameter: { status: 400, error: "%s" },
  MissingParameter: { status: 400, error: "%s" },
  InternalServerError: { status: 500, error: "internal server error" },
  // Mock-only: a request that was in flight when its mock app was reset, restored or closed (it wrote nothing).
  MockAppReset: {
    status: 409,
    error: "the mock app was reset, restored or closed while this request ran; the request changed nothing",
  },
  // Mock-only: an earlier MSW handler consumed the body (the test's mistake, told as a 400 with the remedy).
  BodyAlreadyRead: {
    status: 400,
    error:
      "[app-services-mock] the request body was already read by an earlier MSW handler; a handler that reads it " +
      "and falls through must read a copy: `await request.clone().json()`",
  },
  // FIDELITY: rate limiting and unavailability as injected faults answer them; App Services' codes and wordings for
  // them are unconfirmed (the kit sends a `Retry-After` header in seconds with both).
  TooManyRequests: { status: 429, error: "too many requests" },
  ServiceUnavailable: { status: 503, error: "service unavailable" },
  // FIDELITY: a mock-only code for a method a route does not take (GET on the GraphQL API); unconfirmed.
  MethodNotAllowed: { status: 405, error: "%s is not supported on %s" },
  // Mock-only: routes of the client API that the kit does not emulate.
  NotImplemented: { status: 501, error: "%s %s is not emulated by app-services-mock" },
  // Mock-only: the control routes under /__mock/v1 (test controls, not App Services).
  RouteNotFound: { status: 404, error: "no route %s %s" },
  SnapshotNotFound: { status: 404, error: "snapshot not found: '%s'" },
} as const satisfies Record<string, { status: number; error: string }>;

/** An App Services `error_code` the kit can answer with (plus the mock-only `NotImplemented`). */
export type ErrorCode = keyof typeof catalogue;

/** The JSON body of every error reply. */
export interface ErrorBody {
  error: string;
  error_code: ErrorCode;
  link?: string;
}

function format(template: string, details: readonly string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => details[i++] ?? "");
}

const NAME = "AppServicesError";

/** An error an operation throws on purpose; the request boundary turns it into the wire reply. */
export class AppServicesError extends Error {
  override readonly name = NAME;
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, ...details: string[]) {
    const entry = catalogue[code];
    super(format(entry.error, details));
    this.code = code;
    this.status = entry.status;
  }

  /**
   * The same error answered with another status. Used where the catalogue status would harm the client: a
   * refused link must not be a 401 with a refresh marker, or realm-web refreshes and retries forever.
   */
  withStatus(status: number, prefix = ""): AppServicesError {
    const copy = new AppServicesError(this.code);
    copy.message = prefix + this.message;
    (copy as { status: number }).status = status;
    return copy;
  }

  /** The wire body (`{ error, error_code }`). */
  toBody(): ErrorBody {
    return { error: this.message, error_code: this.code };
  }
}

/** True for errors thrown by the kit's operations (works across module copies by checking the name). */
export function isAppServicesError(value: unknown): value is AppServicesError {
  return (
    value instanceof AppServicesError || (value instanceof Error && value.name === NAME && "code" in value)
  );
}

/** The write kinds a collection rule can refuse. */
export type RuleWriteKind = "insert" | "update" | "delete";

/**
 * A write refused by the collection rules: `insert not permitted` (observed against real servers),
 * `update not permitted`, `delete not permitted`.
 * FIDELITY: the update/delete wordings and the error_code (MongoDBError, 400) are unconfirmed (app-config §7.5–7.6).
 */
export function notPermitted(kind: RuleWriteKind): AppServicesError {
  return new AppServicesError("MongoDBError", `${kind} not permitted`);
}
