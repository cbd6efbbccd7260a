/**
 * `error_code` values the MongoDB layer raises. `MongoDBError` is what the database itself rejects (duplicate key,
 * bad operator); `BadRequest` a missing argument; `InvalidParameter` an argument of the wrong shape;
 * `ServiceCommandNotFound` an action name the service does not know (realm-core's name for that case; the real
 * wording and status are unconfirmed).
 */
export type MongoActionErrorCode =
  | "MongoDBError"
  | "BadRequest"
  | "InvalidParameter"
  | "ServiceCommandNotFound";

/** An error raised by a MongoDB action; the HTTP layer maps `code` to the wire `error_code`. */
export class MongoActionError extends Error {
  override readonly name = "MongoActionError";
  readonly code: MongoActionErrorCode;

  constructor(code: MongoActionErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a `MongoActionError`, also across module copies (checks the name). */
export function isMongoActionError(value: unknown): value is MongoActionError {
  return value instanceof MongoActionError || (value instanceof Error && value.name === "MongoActionError");
}

/** The message of anything thrown while evaluating client input. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
