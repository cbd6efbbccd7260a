// The code that runs first inside each function sandbox (a `node:vm` context). It is plain JavaScript kept as
// text: it is compiled in the sandbox's own realm, so every object it makes (context, collections, errors, the
// bson classes, required modules) belongs to that realm and leads nowhere outside it.
//
// The host talks to it through two host functions that only this code holds (user code cannot reach them):
// `hostSend(text)` answers a JSON request synchronously (a JSON string, or a function the host compiled in the
// sandbox), and `hostTake()` hands over the next queued message (a JSON string) or undefined. Values travel as
// canonical Extended JSON text, so nothing but strings crosses the boundary. Every host call is wrapped so that
// an error the host realm raised (a stack overflow at the boundary) is replaced by one of the sandbox's own.

export const BOOTSTRAP_SOURCE = `(function init(hostSend, hostTake, config) {
  "use strict";
  const G = globalThis;
  const parseJson = JSON.parse;
  const stringifyJson = JSON.stringify;
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const SandboxError = Error;
  const SandboxPromise = Promise;
  const SandboxMap = Map;

  const makeError = (failure) => {
    const error = new SandboxError(String(failure.message));
    if (typeof failure.name === "string" && failure.name !== "Error") error.name = failure.name;
    if (typeof failure.code === "string") error.code = failure.code;
    return error;
  };

  /** One synchronous request to the host. Compiled code comes back as a function of this realm. */
  function send(request) {
    let reply;
    try {
      reply = hostSend(stringifyJson(request));
    } catch {
      throw new SandboxError("app-services-mock: the function sandbox could not reach the kit");
    }
    if (typeof reply === "function") return reply;
    if (typeof reply !== "string") return undefined;
    const parsed = parseJson(reply);
    if (parsed.error !== undefined) throw makeError(parsed.error);
    return parsed.value;
  }

  function take() {
    try {
      return hostTake();
    } catch {
      return undefined;
    }
  }

  // --- CommonJS modules, compiled by the host into this realm --------------------------------------------
  const modules = new SandboxMap();
  const builtins = new SandboxMap();
  const builtinFactories = new SandboxMap();

  function loadResolved(resolved) {
    const cached = modules.get(resolved.path);
    if (cached !== undefined) return cached.exports;
    const module = { exports: {}, id: resolved.path, filename: resolved.path, loaded: false };
    modules.set(resolved.path, module);
    if (resolved.json !== undefined) {
      module.exports = resolved.json;
    } else {
      const compiled = send({ t: "compile", path: resolved.path });
      const localRequire = (name) => requireFrom(resolved.path, name);
      compiled.call(module.exports, module.exports, localRequire, module, resolved.path, resolved.dir);
    }
    module.loaded = true;
    return module.exports;
  }

  function requireFrom(from, name) {
    if (typeof name !== "string") throw new TypeError("require() expects a module name");
    const bare = name.startsWith("node:") ? name.slice(5) : name;
    const factory = builtinFactories.get(bare);
    if (factory !== undefined) {
      if (!builtins.has(bare)) builtins.set(bare, factory());
      return builtins.get(bare);
    }
    return loadResolved(send({ t: "resolve", from, name }));
  }
  const kitModule = (name) => loadResolved(send({ t: "resolve", from: null, name, kit: true }));
  const require = (name) => requireFrom(null, name);

  // --- Globals: Buffer, text codecs, crypto.getRandomValues, then bson ------------------------------------
  const bufferModule = kitModule("buffer");
  const Buffer = bufferModule.Buffer;
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(text = "") { return new Uint8Array(Buffer.from(String(text), "utf8")); }
  }
  class TextDecoder {
    constructor(encoding = "utf-8") { this.encoding = encoding; }
    decode(bytes) { return bytes === undefined ? "" : Buffer.from(bytes).toString("utf8"); }
  }
  const randomHex = (size) => send({ t: "random", size });
  const webCrypto = freeze({
    getRandomValues(array) {
      const bytes = Buffer.from(randomHex(array.byteLength), "hex");
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(bytes);
      return array;
    },
    randomUUID: () => send({ t: "uuid" }),
  });
  const globals = {
    Buffer,
    TextEncoder,
    TextDecoder,
    crypto: webCrypto,
    atob: (text) => Buffer.from(String(text), "base64").toString("latin1"),
    btoa: (text) => Buffer.from(String(text), "latin1").toString("base64"),
  };
  for (const key of Object.keys(globals)) {
    defineProperty(G, key, { value: globals[key], writable: true, configurable: true });
  }
  const BSON = kitModule("bson");
  const EJSON = BSON.EJSON;
  const ejsonStringify = EJSON.stringify.bind(EJSON);
  const ejsonParse = EJSON.parse.bind(EJSON);
  const encode = (value) => ejsonStringify({ v: value === undefined ? null : value }, { relaxed: false });
  const decode = (text) => ejsonParse(text, { relaxed: true }).v;

  // --- Talking to the host about one call -------------------------------------------------------------------
  const pending = new SandboxMap();
  let nextRequest = 0;
  function request(call, op, payload) {
    return new SandboxPromise((resolve, reject) => {
      nextRequest += 1;
      pending.set(nextRequest, { resolve, reject });
      send({ t: "async", id: nextRequest, call, op, payload: encode(payload) });
    });
  }

  const timers = new SandboxMap();
  let nextTimer = 0;
  function addTimer(callback, ms, args, repeat) {
    if (typeof callback !== "function") throw new TypeError("the timer callback must be a function");
    nextTimer += 1;
    timers.set(nextTimer, { callback, args, repeat });
    send({ t: "timer", id: nextTimer, ms: Number(ms) || 0, repeat });
    return nextTimer;
  }
  function clearTimer(id) {
    if (timers.delete(id)) send({ t: "clear-timer", id });
  }
  const timerGlobals = {
    setTimeout: (callback, ms, ...args) => addTimer(callback, ms, args, false),
    setInterval: (callback, ms, ...args) => addTimer(callback, ms, args, true),
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
  };
  for (const key of Object.keys(timerGlobals)) {
    defineProperty(G, key, { value: timerGlobals[key], writable: true, configurable: true });
  }

  const formatArgs = (args) =>
    args.map((arg) => {
      if (typeof arg === "string") return arg;
      if (arg instanceof SandboxError) return arg.stack || String(arg);
      try {
        return ejsonStringify(arg, { relaxed: true });
      } catch {
        return String(arg);
      }
    }).join(" ");
  const log = (level) => (...args) => send({ t: "log", level, text: formatArgs(args) });
  const console = freeze({
    log: log("log"), info: log("info"), debug: log("debug"), warn: log("warn"), error: log("error"),
  });

  // --- The App Services API seen by function code -------------------------------------------------------------
  function cursor(call, source, method, first) {
    const state = { sort: undefined, limit: undefined, skip: undefined, projection: first.projection };
    const run = () => {
      if (method === "aggregate") return request(call, "mongo", { ...source, method, args: [first.pipeline] });
      if (state.skip !== undefined) {
        const pipeline = [{ $match: first.query }];
        if (state.sort) pipeline.push({ $sort: state.sort });
        pipeline.push({ $skip: state.skip });
        if (state.limit !== undefined) pipeline.push({ $limit: state.limit });
        if (state.projection) pipeline.push({ $project: state.projection });
        return request(call, "mongo", { ...source, method: "aggregate", args: [pipeline] });
      }
      const options = {};
      if (state.projection) options.projection = state.projection;
      if (state.sort) options.sort = state.sort;
      if (state.limit !== undefined) options.limit = state.limit;
      return request(call, "mongo", { ...source, method, args: [first.query, options] });
    };
    let result;
    const self = {
      sort(sort) { state.sort = sort; return self; },
      limit(limit) { state.limit = limit; return self; },
      skip(skip) { state.skip = skip; return self; },
      project(projection) { state.projection = projection; return self; },
      toArray() { result ??= run(); return result; },
      then(onFulfilled, onRejected) { return self.toArray().then(onFulfilled, onRejected); },
    };
    return self;
  }

  function collection(call, service, database, name) {
    const source = { service, database, collection: name };
    const op = (method) => (...args) => request(call, "mongo", { ...source, method, args });
    const withProjection = (method) => (query = {}, projection, options = {}) =>
      request(call, "mongo", {
        ...source, method, args: [query, projection === undefined ? options : { ...options, projection }],
      });
    return freeze({
      find: (query = {}, projection, options = {}) =>
        cursor(call, source, "find", { query, projection: projection ?? options.projection }),
      aggregate: (pipeline = []) => cursor(call, source, "aggregate", { pipeline }),
      findOne: withProjection("findOne"),
      findOneAndDelete: withProjection("findOneAndDelete"),
      findOneAndUpdate: op("findOneAndUpdate"),
      findOneAndReplace: op("findOneAndReplace"),
      count: op("count"),
      countDocuments: (query = {}, options = {}) => request(call, "mongo", { ...source, method: "count", args: [query, options] }),
      insertOne: op("insertOne"),
      insertMany: op("insertMany"),
      updateOne: op("updateOne"),
      updateMany: op("updateMany"),
      deleteOne: op("deleteOne"),
      deleteMany: op("deleteMany"),
    });
  }

  const notEmulated = (what) => () =>
    SandboxPromise.reject(new SandboxError(what + " is not emulated by app-services-mock: the kit makes no outbound requests"));

  function makeContext(call, data) {
    const http = {};
    for (const method of ["get", "post", "put", "patch", "delete", "head"]) http[method] = notEmulated("context.http." + method);
    return freeze({
      user: data.user,
      environment: data.environment,
      request: data.request === null ? undefined : data.request,
      app: data.app,
      runningAsSystem: () => data.system === true,
      values: freeze({
        get(name) {
          const text = send({ t: "value", call, name: String(name) });
          return typeof text === "string" ? decode(text) : undefined;
        },
      }),
      services: freeze({
        get(service) {
          send({ t: "service", call, name: String(service) });
          return freeze({ db: (database) => freeze({ collection: (name) => collection(call, String(service), String(database), String(name)) }) });
        },
      }),
      functions: freeze({ execute: (name, ...args) => request(call, "execute", { name: String(name), args }) }),
      http: freeze(http),
    });
  }

  const toBinary = (hex) => new BSON.Binary(Buffer.from(hex, "hex"));
  const bytesOf = (input) => typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input.buffer ?? input);
  const utils = freeze({
    crypto: freeze({
      hash: (algorithm, input) => toBinary(send({ t: "hash", algorithm, data: bytesOf(input).toString("hex") })),
      hmac: (input, secret, algorithm, encoding = "hex") =>
        send({ t: "hmac", algorithm, key: bytesOf(secret).toString("hex"), data: bytesOf(input).toString("hex"), encoding }),
      encrypt: notEmulatedSync("utils.crypto.encrypt"),
      decrypt: notEmulatedSync("utils.crypto.decrypt"),
      sign: notEmulatedSync("utils.crypto.sign"),
      verify: notEmulatedSync("utils.crypto.verify"),
    }),
    jwt: freeze({ encode: notEmulatedSync("utils.jwt.encode"), decode: notEmulatedSync("utils.jwt.decode") }),
  });
  function notEmulatedSync(what) {
    return () => { throw new SandboxError(what + " is not emulated by app-services-mock"); };
  }

  const sandboxGlobals = { BSON, EJSON, console, utils, require };
  for (const key of Object.keys(sandboxGlobals)) {
    defineProperty(G, key, { value: sandboxGlobals[key], writable: true, configurable: true });
  }

  // Node's harmless built-ins, written for this realm (see builtin-modules-source.ts).
  const installBuiltins = send({ t: "builtins" });
  installBuiltins(builtinFactories, { Buffer, bufferModule, send, SandboxError, ejsonStringify });

  // --- Function sources ---------------------------------------------------------------------------------------
  const compiled = new SandboxMap();
  function entryPoint(name) {
    let body = compiled.get(name);
    if (body === undefined) {
      body = send({ t: "function", name });
      compiled.set(name, body);
    }
    return body;
  }

  const describeThrown = (thrown) => {
    if (thrown !== null && typeof thrown === "object" && "message" in thrown) {
      return { message: String(thrown.message), name: String(thrown.name ?? "Error") };
    }
    if (typeof thrown === "string") return { message: thrown, name: "Error" };
    try {
      return { message: ejsonStringify(thrown, { relaxed: true }), name: "Error" };
    } catch {
      return { message: String(thrown), name: "Error" };
    }
  };

  function finish(call, outcome) {
    send({ t: "done", call, ...outcome });
  }

  function start(message) {
    let fn;
    try {
      const body = entryPoint(message.name);
      const module = { exports: {} };
      const context = makeContext(message.call, decode(message.context));
      const exported = body(module.exports, module, require, context);
      fn = typeof exported === "function" ? exported : module.exports;
      if (typeof fn !== "function") throw new TypeError("the source of function '" + message.name + "' exports no function (exports = function (...) { ... })");
      const args = decode(message.args);
      SandboxPromise.resolve(fn(...args)).then(
        (result) => {
          let text;
          try {
            text = encode(result);
          } catch (error) {
            return finish(message.call, { ok: false, error: { message: "failed to serialize the result: " + describeThrown(error).message } });
          }
          finish(message.call, { ok: true, value: text });
        },
        (thrown) => finish(message.call, { ok: false, error: describeThrown(thrown) }),
      );
    } catch (thrown) {
      finish(message.call, { ok: false, error: describeThrown(thrown) });
    }
  }

  function settle(message) {
    const waiter = pending.get(message.id);
    if (waiter === undefined) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(decode(message.value));
    else waiter.reject(makeError(message.error));
  }

  function fire(message) {
    const timer = timers.get(message.id);
    if (timer === undefined) return;
    if (!timer.repeat) timers.delete(message.id);
    try {
      timer.callback(...timer.args);
    } catch (thrown) {
      send({ t: "log", level: "error", text: "a timer callback threw: " + describeThrown(thrown).message });
    }
  }

  /** Runs every queued message; called by the host under the vm time limit. */
  function pump() {
    for (;;) {
      const raw = take();
      if (typeof raw !== "string") return;
      const message = parseJson(raw);
      if (message.t === "call") start(message);
      else if (message.t === "reply") settle(message);
      else if (message.t === "timer") fire(message);
    }
  }
  defineProperty(G, config.pumpName, { value: pump, writable: false, configurable: false, enumerable: false });
})`;
