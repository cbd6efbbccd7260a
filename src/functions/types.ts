import type { Doc, MongoCollectionHandle } from "../mongodb/index.js";

/** The user object a function sees as `context.user` (App Services' server-side shape, wire-protocol §16). */
export interface FunctionUser {
  readonly id: string;
  /** `"normal"` for every client user, `"server"` for server API keys, `"system"` in system functions. */
  readonly type: "normal" | "server" | "system";
  /** Profile metadata merged from all identities (the profile `data`). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The custom user data document the caller's access token carries (`{}` when none). */
  readonly custom_data: Readonly<Record<string, unknown>>;
  readonly identities: readonly {
    readonly id: string;
    readonly provider_type: string;
    readonly data: Readonly<Record<string, unknown>>;
  }[];
}

/** `context.services.get(name).db(db)`. */
export interface MockDatabase {
  collection<T extends Doc = Doc>(name: string): MongoCollectionHandle<T>;
}

/**
 * A MongoDB data source as functions (`context.services.get(name)`) and tests (`mock.service(name)`) see it.
 * Collections are the very ones realm-web clients read and write.
 */
export interface MockServiceClient {
  db(name: string): MockDatabase;
}

/** Details of the HTTP request that called the function (a subset of App Services' `context.request`). */
export interface FunctionRequest {
  readonly httpMethod: string;
  /** Lower-case header names, each with its values. */
  readonly requestHeaders: Readonly<Record<string, readonly string[]>>;
  readonly rawQueryString: string;
  readonly httpUserAgent: string | undefined;
  readonly remoteIPAddress: string;
}

/** The `context` argument of every function. */
export interface FunctionContext {
  readonly user: FunctionUser;
  readonly services: { get(name: string): MockServiceClient };
  readonly functions: { execute(name: string, ...args: unknown[]): Promise<unknown> };
  readonly values: { get(name: string): unknown };
  /** The client request, when the call came from one (not in functions started by `execute` from a test). */
  readonly request: FunctionRequest | undefined;
  readonly app: { readonly id: string; readonly clientAppId: string; readonly name: string };
}

/**
 * A function body. Arguments arrive EJSON-decoded (numbers, strings, Date, bson `ObjectId`, `Decimal128`, ...).
 * Declared through a method signature so that handlers with typed parameters (`(ctx, a: number) => …`) fit.
 */
export type FunctionHandler = {
  bivarianceHack(context: FunctionContext, ...args: unknown[]): unknown;
}["bivarianceHack"];

/** A function with its App Services settings. */
export interface FunctionDefinition {
  handler: FunctionHandler;
  /** Private functions cannot be called by clients, only through `context.functions.execute`. */
  private?: boolean;
  /** Run with a system user instead of the calling user (App Services "System" authentication). */
  runAsSystem?: boolean;
}

/** What `createMockApp({ functions })` accepts per name. */
export type MockFunction = FunctionHandler | FunctionDefinition;

/** Options of the MongoDB service emulation. */
export interface MongoServiceOptions {
  /**
   * Really delete on realm-web's `findOneAndDelete` (sent as `findOneAndReplace` without `update`). Default
   * `false`: reproduce the real server, which keeps an `_id`-only document (realm/realm-js#6497).
   */
  realFindOneAndDelete?: boolean;
}
