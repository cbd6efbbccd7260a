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

/** `context.environment`: the app's environment tag and that environment's values. */
export interface FunctionEnvironment {
  /** `""` (no environment), `"development"`, `"testing"`, `"qa"` or `"production"`. */
  readonly tag: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** The app's environment (`createMockApp({ environment })`), as an exported app's `environments/` folder sets it. */
export interface EnvironmentOptions {
  readonly tag?: string;
  readonly values?: Readonly<Record<string, unknown>>;
}

/** The `context` argument of every function. */
export interface FunctionContext {
  /**
   * The calling user. A `runAsSystem` function still sees its caller here (App Services §6.3); only calls with
   * no authenticated user (auth functions, `execute` from a test) see the system user (`type: "system"`).
   */
  readonly user: FunctionUser;
  /** True when the function runs with system rights (`runAsSystem`, or no authenticated caller). */
  runningAsSystem(): boolean;
  readonly environment: FunctionEnvironment;
  /** App Services' HTTP client; not emulated: every method throws a clear error. */
  readonly http: FunctionHttp;
  readonly services: { get(name: string): MockServiceClient };
  readonly functions: { execute(name: string, ...args: unknown[]): Promise<unknown> };
  readonly values: { get(name: string): unknown };
  /** The client request, when the call came from one (not in functions started by `execute` from a test). */
  readonly request: FunctionRequest | undefined;
  readonly app: { readonly id: string; readonly clientAppId: string; readonly name: string };
}

/** `context.http`: each method throws, naming itself (the kit makes no outbound requests). */
export interface FunctionHttp {
  get(request?: unknown): Promise<never>;
  post(request?: unknown): Promise<never>;
  put(request?: unknown): Promise<never>;
  patch(request?: unknown): Promise<never>;
  delete(request?: unknown): Promise<never>;
  head(request?: unknown): Promise<never>;
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
  /**
   * Run with system rights (App Services "System" authentication): rules do not apply, and
   * `context.runningAsSystem()` is true. `context.user` is still the caller.
   */
  runAsSystem?: boolean;
  /**
   * Whether the call may proceed (App Services `can_evaluate`), asked before every call with the context the
   * function would get and its arguments. False (or a throw) refuses the call.
   */
  canEvaluate?: (context: FunctionContext, args: readonly unknown[]) => boolean | Promise<boolean>;
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
