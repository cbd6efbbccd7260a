import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import vm from "node:vm";
import { EJSON } from "bson";
import { AppServicesError } from "../../errors.js";
import type { FunctionContext, FunctionHandler } from "../../functions/types.js";
import type { Logger } from "../../logger.js";
import { toLocalBson } from "../../services/foreign-bson.js";
import { HANDLE_METHODS } from "../../services/mongo-services.js";
import { BOOTSTRAP_SOURCE } from "./bootstrap-source.js";
import { messageOf, Refusal, SandboxCompiler } from "./modules.js";

/** One function source as the app ships it. */
export interface SandboxFunction {
  readonly source: string;
  /** Where it came from, for messages and stack traces (`functions/addTask.js`). */
  readonly file: string;
}

export interface SandboxOptions {
  readonly functions: ReadonlyMap<string, SandboxFunction>;
  /** npm packages function code may `require` (the dependencies of `functions/package.json`). */
  readonly dependencies: readonly string[];
  /** A file path packages are resolved from (`functions/package.json`, or the working directory). */
  readonly resolveFrom: string;
  readonly logger: Logger;
  /** Real-time limit of one synchronous stretch of function code (vm timeout), in ms. */
  readonly timeoutMs: number;
}

const PUMP = "__appServicesMockPump";
// Captured at load time: function timers and deadlines are real time, unaffected by later fake timers.
const timers = {
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  clearTimeout: globalThis.clearTimeout,
};
const MONGO_METHODS: ReadonlySet<string> = new Set(HANDLE_METHODS);

const encode = (value: unknown): string =>
  EJSON.stringify({ v: toLocalBson(value) ?? null }, { relaxed: false });
const decode = (text: string): unknown => (EJSON.parse(text, { relaxed: true }) as { v: unknown }).v;

interface PendingCall {
  readonly context: FunctionContext;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Request = Record<string, unknown> & { t?: unknown };

/**
 * One `node:vm` context running an app's function sources. Only strings cross its boundary (see
 * bootstrap-source.ts); all sandbox code, including what runs after an `await`, runs inside `runInContext` under
 * the vm time limit (`microtaskMode: "afterEvaluate"`). A context whose code overran the limit is thrown away.
 */
class SandboxRealm {
  readonly #options: SandboxOptions;
  readonly #context: vm.Context;
  readonly #pump = new vm.Script(`${PUMP}()`, { filename: "app-services-mock:pump" });
  readonly #queue: string[] = [];
  readonly #calls = new Map<number, PendingCall>();
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #compiler: SandboxCompiler;
  readonly #onDeath: () => void;
  #nextCall = 0;
  #dead = false;

  constructor(options: SandboxOptions, onDeath: () => void) {
    this.#options = options;
    this.#onDeath = onDeath;
    this.#context = vm.createContext(Object.create(null), {
      name: "app-services-mock functions",
      codeGeneration: { strings: false, wasm: false },
      microtaskMode: "afterEvaluate",
    });
    this.#compiler = new SandboxCompiler(this.#context, options);
    const init = new vm.Script(BOOTSTRAP_SOURCE, { filename: "app-services-mock:bootstrap" }).runInContext(
      this.#context,
    ) as (send: (text: unknown) => unknown, take: () => unknown, config: unknown) => void;
    // Only strings and objects of the sandbox's own realm are handed in.
    try {
      init(
        (text) => this.#answer(text),
        () => this.#queue.shift(),
        new vm.Script(`(${JSON.stringify({ pumpName: PUMP })})`).runInContext(this.#context),
      );
    } catch (error) {
      throw new Error(`app-services-mock: the function sandbox failed to start: ${messageOf(error)}`);
    }
  }

  call(name: string, context: FunctionContext, args: unknown[]): Promise<unknown> {
    this.#nextCall += 1;
    const call = this.#nextCall;
    const data = {
      user: context.user,
      environment: context.environment,
      request: context.request ?? null,
      app: context.app,
      system: context.runningAsSystem(),
    };
    const message = { t: "call", call, name, args: encode(args), context: encode(data) };
    return new Promise<unknown>((resolve, reject) => {
      // A call still running at the deadline (a promise that never settles, an endless timer loop) takes the
      // context down with it, so none of its timers or loops outlive the call.
      const deadline = timers.setTimeout(() => {
        if (this.#calls.has(call)) this.#die(new AppServicesError("ExecutionTimeLimitExceeded"));
      }, this.#options.timeoutMs);
      deadline.unref();
      const settle =
        <T>(fn: (value: T) => void) =>
        (value: T) => {
          timers.clearTimeout(deadline);
          fn(value);
        };
      this.#calls.set(call, { context, resolve: settle(resolve), reject: settle(reject) });
      this.#enqueue(message);
    });
  }

  #enqueue(message: Record<string, unknown>): void {
    if (this.#dead) return;
    this.#queue.push(JSON.stringify(message));
    this.#run();
  }

  /** Lets the sandbox handle its queue; an overrun kills this context (its pending calls fail). */
  #run(): void {
    while (this.#queue.length > 0 && !this.#dead) {
      try {
        this.#pump.runInContext(this.#context, { timeout: this.#options.timeoutMs });
      } catch (error) {
        // The time-out error may belong to the sandbox's realm: read its own data property only, so that no
        // getter of function code runs here.
        const code =
          error !== null && typeof error === "object"
            ? Object.getOwnPropertyDescriptor(error, "code")?.value
            : undefined;
        const timedOut = code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
        this.#die(
          timedOut
            ? new AppServicesError("ExecutionTimeLimitExceeded")
            : new Error(`the function sandbox failed${error instanceof Error ? `: ${error.message}` : ""}`),
        );
      }
    }
  }

  #die(error: Error): void {
    this.#dead = true;
    this.#queue.length = 0;
    for (const timer of this.#timers.values()) timers.clearTimeout(timer);
    this.#timers.clear();
    for (const call of this.#calls.values()) call.reject(error);
    this.#calls.clear();
    this.#onDeath();
  }

  /** `hostSend`: never throws, and answers only strings (or functions compiled in the sandbox). */
  #answer(text: unknown): unknown {
    try {
      if (typeof text !== "string") throw new Refusal("malformed request");
      const request = JSON.parse(text) as Request;
      const value = this.#handle(request);
      if (typeof value === "function") return value;
      return JSON.stringify({ value: value ?? null });
    } catch (error) {
      const failure = error as { message?: unknown; name?: unknown; code?: unknown };
      return JSON.stringify({
        error: {
          message: messageOf(error),
          name: error instanceof Refusal ? "Error" : String(failure.name ?? "Error"),
          ...(typeof failure.code === "string" ? { code: failure.code } : {}),
        },
      });
    }
  }

  #handle(request: Request): unknown {
    switch (request.t) {
      case "resolve":
        return this.#compiler.resolve(request.from, String(request.name), request.kit === true);
      case "compile":
        return this.#compiler.compileModule(String(request.path));
      case "builtins":
        return this.#compiler.builtins();
      case "function":
        return this.#compiler.compileFunction(String(request.name));
      case "random":
        return randomBytes(Math.min(Math.max(Number(request.size) | 0, 0), 65_536)).toString("hex");
      case "uuid":
        return randomUUID();
      case "hash":
        return createHash(String(request.algorithm))
          .update(Buffer.from(String(request.data), "hex"))
          .digest(hexOr(request.encoding));
      case "hmac":
        return createHmac(String(request.algorithm), Buffer.from(String(request.key), "hex"))
          .update(Buffer.from(String(request.data), "hex"))
          .digest(hexOr(request.encoding));
      case "url":
        return urlParts(String(request.input), request.base);
      case "log":
        return this.#log(String(request.level), String(request.text));
      case "value": {
        // An absent value stays undefined inside (null: no such value).
        const value = this.#callOf(request.call).context.values.get(String(request.name));
        return value === undefined ? null : encode(value);
      }
      case "service":
        this.#callOf(request.call).context.services.get(String(request.name));
        return null;
      case "async":
        this.#startAsync(Number(request.id), this.#callOf(request.call), String(request.op), request.payload);
        return null;
      case "timer":
        return this.#addTimer(Number(request.id), Number(request.ms), request.repeat === true);
      case "clear-timer":
        timers.clearTimeout(this.#timers.get(Number(request.id)));
        this.#timers.delete(Number(request.id));
        return null;
      case "done":
        return this.#finish(request);
      default:
        throw new Refusal("unknown request");
    }
  }

  #callOf(id: unknown): PendingCall {
    const call = this.#calls.get(Number(id));
    if (call === undefined) throw new Refusal("this function call is over");
    return call;
  }

  #finish(request: Request): null {
    const call = this.#calls.get(Number(request.call));
    if (call === undefined) return null;
    this.#calls.delete(Number(request.call));
    if (request.ok === true) {
      call.resolve(decode(String(request.value)));
    } else {
      const failure = (request.error ?? {}) as { message?: unknown; name?: unknown };
      const error = new Error(String(failure.message ?? "the function failed"));
      if (typeof failure.name === "string" && failure.name !== "Error") error.name = failure.name;
      call.reject(error);
    }
    return null;
  }

  /** Host work for the sandbox, always started after the current sandbox turn; the reply is queued. */
  #startAsync(id: number, call: PendingCall, op: string, payload: unknown): void {
    const work = async (): Promise<unknown> => {
      const input = decode(String(payload)) as Record<string, unknown>;
      if (op === "execute") {
        const args = Array.isArray(input.args) ? input.args : [];
        return call.context.functions.execute(String(input.name), ...args);
      }
      if (op === "mongo") return this.#mongo(call.context, input);
      throw new Refusal(`unknown operation ${op}`);
    };
    Promise.resolve()
      .then(work)
      .then(
        (value) => this.#enqueue({ t: "reply", id, ok: true, value: encode(value) }),
        (error: unknown) => {
          const failure = error as { name?: unknown; code?: unknown };
          this.#enqueue({
            t: "reply",
            id,
            ok: false,
            error: { message: messageOf(error), name: String(failure.name ?? "Error"), code: failure.code },
          });
        },
      )
      .catch((error: unknown) => this.#options.logger.warn("The function sandbox failed to reply.", error));
  }

  async #mongo(context: FunctionContext, input: Record<string, unknown>): Promise<unknown> {
    const method = String(input.method);
    if (!MONGO_METHODS.has(method)) throw new Refusal(`collection.${method} is not supported`);
    const handle = context.services
      .get(String(input.service))
      .db(String(input.database))
      .collection(String(input.collection)) as unknown as Record<string, (...args: unknown[]) => unknown>;
    const args = Array.isArray(input.args) ? input.args : [];
    return await handle[method]?.(...args);
  }

  #addTimer(id: number, ms: number, repeat: boolean): null {
    const delay = Number.isFinite(ms) ? Math.max(ms, 0) : 0;
    const fire = () => {
      if (!repeat) this.#timers.delete(id);
      this.#enqueue({ t: "timer", id });
    };
    const timer = repeat ? timers.setInterval(fire, Math.max(delay, 1)) : timers.setTimeout(fire, delay);
    timer.unref();
    this.#timers.set(id, timer);
    return null;
  }

  #log(level: string, text: string): null {
    const message = `function console.${level}: ${text}`;
    if (level === "warn" || level === "error") this.#options.logger.warn(message);
    else this.#options.logger.log?.(message);
    return null;
  }
}

const hexOr = (encoding: unknown): "hex" | "base64" => (encoding === "base64" ? "base64" : "hex");

function urlParts(input: string, base: unknown): Record<string, string> {
  const url = new URL(input, typeof base === "string" ? base : undefined);
  const { href, origin, protocol, username, password, host, hostname, port, pathname, search, hash } = url;
  return { href, origin, protocol, username, password, host, hostname, port, pathname, search, hash };
}

/**
 * The function sources of one loaded app, run in a `node:vm` context of their own (created on first use, and
 * again after a function overran the time limit).
 */
export class FunctionSandbox {
  readonly #options: SandboxOptions;
  #realm: SandboxRealm | undefined;

  constructor(options: SandboxOptions) {
    this.#options = options;
  }

  /** A kit function handler running the named source. */
  handler(name: string): FunctionHandler {
    return (context: FunctionContext, ...args: unknown[]) => this.#realmNow().call(name, context, args);
  }

  #realmNow(): SandboxRealm {
    if (this.#realm === undefined) {
      const realm = new SandboxRealm(this.#options, () => {
        if (this.#realm === realm) this.#realm = undefined;
      });
      this.#realm = realm;
    }
    return this.#realm;
  }
}
