import { encodeReply } from "../ejson.js";
import { AppServicesError, isAppServicesError } from "../errors.js";
import { cloneValue } from "../mongodb/index.js";
import { loadMingo } from "../mongodb/mingo.js";
import { setNamedFunctionExecutor } from "../operations/auth-functions.js";
import type { AppRuntime } from "../runtime.js";
import { toLocalBson } from "../services/foreign-bson.js";
import type { MongoServices } from "../services/mongo-services.js";
import { buildContext, systemUser } from "./context.js";
import { toReplyValue } from "./reply-value.js";
import { DEFAULT_FUNCTION_TIMEOUT_MS, thrownMessage, withTimeLimit } from "./time-limit.js";
import type {
  FunctionContext,
  FunctionDefinition,
  FunctionRequest,
  FunctionUser,
  MockFunction,
} from "./types.js";

/** Who calls a function and from where. */
export interface Invocation {
  /**
   * The runtime view of the request that started the call (`runtime.forRequest()`): its writes and journal
   * entries stop at the next reset. Default: the app itself (never stale).
   */
  readonly scope?: AppRuntime;
  /** The user id for the journal (null: no user). */
  readonly callerId: string | null;
  readonly user: FunctionUser;
  readonly request: FunctionRequest | undefined;
  /** True for system calls: collection rules are bypassed (run_as_system, kit calls, rule functions), and
   * inherited by the functions they call (`context.functions.execute` in a system function). */
  readonly system?: boolean;
}

function normalize(fn: MockFunction): FunctionDefinition {
  return typeof fn === "function" ? { handler: fn } : fn;
}

/**
 * Runs the app's functions: looks them up, builds `context`, enforces the time limit, maps failures to the
 * catalogue and journals every call. A throwing or hanging function never breaks the server: its promise is
 * always observed, and the timer is cleared as soon as the call settles.
 */
export class FunctionRunner {
  readonly #runtime: AppRuntime;
  readonly #services: MongoServices;
  readonly #functions: ReadonlyMap<string, FunctionDefinition>;
  readonly #timeoutMs: number;

  constructor(runtime: AppRuntime, services: MongoServices) {
    this.#runtime = runtime;
    this.#services = services;
    this.#functions = new Map(
      Object.entries(runtime.options.functions ?? {}).map(([name, fn]) => [name, normalize(fn)]),
    );
    this.#timeoutMs = runtime.options.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
    // Auth settings that name functions (custom-function login, confirmation, reset) run them as system calls.
    setNamedFunctionExecutor(runtime, (name, args, scope) => this.executeAsSystem(name, args, { scope }));
  }

  /**
   * A system call from inside the kit (auth providers; `%function` in rules, which passes the requesting `user`
   * as `context.user`): private functions allowed, rules bypassed, time-limited, journaled with `userId: null`;
   * whatever the function throws reaches the caller unchanged.
   */
  async executeAsSystem(
    name: string,
    args: unknown[],
    { scope, user }: { scope?: AppRuntime | undefined; user?: FunctionUser | undefined } = {},
  ): Promise<unknown> {
    const invocation: Invocation = {
      scope,
      callerId: null,
      user: user ?? systemUser(),
      request: undefined,
      system: true,
    };
    return this.executeAsCaller(name, args, invocation);
  }

  /**
   * A call the kit makes for a caller (GraphQL custom resolvers): private functions allowed, time-limited,
   * journaled; whatever the function throws reaches the caller unchanged.
   */
  async executeAsCaller(name: string, args: unknown[], invocation: Invocation): Promise<unknown> {
    const loggedArgs = cloneValue(args);
    // mingo loads on first use (src/mongodb/mingo.ts): before the time limit starts, never inside it.
    await loadMingo();
    try {
      const result = await withTimeLimit(
        this.#invoke(name, this.#lookup(name), args, invocation),
        this.#timeoutMs,
      );
      this.#journal(name, loggedArgs, invocation, { ok: true, result: cloneValue(result ?? null) });
      return result;
    } catch (error) {
      const code = isAppServicesError(error) ? error.code : "FunctionExecutionError";
      this.#journal(name, loggedArgs, invocation, {
        ok: false,
        error: thrownMessage(error),
        errorCode: code,
      });
      throw error;
    }
  }

  /**
   * A call from a client (`POST …/functions/call` without `service`): unknown → FunctionNotFound, private →
   * NotCallable, thrown → FunctionExecutionError, too slow → ExecutionTimeLimitExceeded. Returns the EJSON reply.
   */
  async callFromClient(name: string, args: unknown[], invocation: Invocation): Promise<string> {
    const loggedArgs = cloneValue(args);
    // mingo loads on first use (src/mongodb/mingo.ts): before the time limit starts, never inside it.
    await loadMingo();
    try {
      const fn = this.#lookup(name);
      // FIDELITY: the real wording for a client call of a private function is unconfirmed; the kit answers
      // NotCallable "function not callable: '<name>'" (400).
      if (fn.private === true) throw new AppServicesError("NotCallable", name);
      // Whatever the function body throws (including kit errors from `context`) is its execution error; a
      // sandbox that stopped a runaway function reports the time limit itself.
      const call = this.#invoke(name, fn, args, invocation, (error: unknown) => {
        if (isAppServicesError(error) && error.code === "ExecutionTimeLimitExceeded") throw error;
        throw new AppServicesError("FunctionExecutionError", thrownMessage(error));
      });
      const result = await withTimeLimit(call, this.#timeoutMs);
      const reply = this.#encode(result);
      this.#journal(name, loggedArgs, invocation, { ok: true, result: cloneValue(result ?? null) });
      return reply;
    } catch (error) {
      const failure = isAppServicesError(error)
        ? error
        : new AppServicesError("FunctionExecutionError", thrownMessage(error));
      this.#journal(name, loggedArgs, invocation, {
        ok: false,
        error: failure.message,
        errorCode: failure.code,
      });
      throw failure;
    }
  }

  /** `context.functions.execute(name, ...args)`: private functions allowed; errors reach the caller as thrown. */
  async execute(name: string, args: unknown[], invocation: Invocation): Promise<unknown> {
    return this.#invoke(name, this.#lookup(name), args, invocation);
  }

  #lookup(name: string): FunctionDefinition {
    const fn = this.#functions.get(name);
    if (fn === undefined) throw new AppServicesError("FunctionNotFound", name);
    return fn;
  }

  /**
   * Runs the handler; a synchronous throw becomes a rejection, which `onThrow` may translate. `canEvaluate` is
   * asked first: false or a throw refuses the call (NotCallable) whoever calls.
   */
  async #invoke(
    name: string,
    fn: FunctionDefinition,
    args: unknown[],
    invocation: Invocation,
    onThrow: (error: unknown) => never = (error) => {
      throw error;
    },
  ): Promise<unknown> {
    // FIDELITY: App Services §6.3: a system function still sees its caller in `context.user`; whether a function
    // reached through `execute` keeps its caller's system rights is unconfirmed: it does, and adds its own.
    const self: Invocation = {
      ...invocation,
      system: invocation.system === true || fn.runAsSystem === true || invocation.user.type === "system",
    };
    const context = buildContext({
      runtime: self.scope ?? this.#runtime,
      services: this.#services,
      user: self.user,
      system: self.system === true,
      request: self.request,
      execute: (callee, nested) => this.execute(callee, nested, self),
      checkedAs: self.system === true ? undefined : { user: self.user, request: self.request },
    });
    if (fn.canEvaluate !== undefined && !(await this.#mayEvaluate(fn, context, args))) {
      // FIDELITY: the real answer to a refused `can_evaluate` is unconfirmed; the kit uses NotCallable.
      throw new AppServicesError("NotCallable", name);
    }
    try {
      return await fn.handler(context, ...args);
    } catch (error) {
      return onThrow(error);
    }
  }

  async #mayEvaluate(fn: FunctionDefinition, context: FunctionContext, args: unknown[]): Promise<boolean> {
    try {
      return (await fn.canEvaluate?.(context, cloneValue(args))) === true;
    } catch {
      return false;
    }
  }

  #encode(result: unknown): string {
    try {
      return encodeReply(toLocalBson(toReplyValue(result)));
    } catch (error) {
      if (isAppServicesError(error)) throw error;
      throw new AppServicesError(
        "FunctionExecutionError",
        `failed to serialize the result: ${thrownMessage(error)}`,
      );
    }
  }

  #journal(
    name: string,
    args: unknown[],
    invocation: Invocation,
    outcome: { ok: true; result: unknown } | { ok: false; error: string; errorCode: string },
  ): void {
    (invocation.scope ?? this.#runtime).emit({
      type: "function-called",
      userId: invocation.callerId,
      name,
      arguments: args,
      outcome,
    });
  }
}
