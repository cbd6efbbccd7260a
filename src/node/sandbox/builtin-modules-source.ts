// Node's harmless built-in modules as function code may `require` them, written for the sandbox's realm (plain
// JavaScript compiled inside the vm context, so no object of the host realm is ever handed out). Each is the
// subset App Services functions commonly use; hashing and randomness ask the host through `kit.send`, with bytes
// as hex text. The body is compiled as `function (factories, kit) { … }` and registers one factory per module.

export const BUILTIN_MODULES_SOURCE = String.raw`"use strict";
const { Buffer, send, SandboxError, ejsonStringify } = kit;

// --- crypto ------------------------------------------------------------------------------------------------------
factories.set("crypto", () => {
  const toHex = (data, encoding) =>
    (typeof data === "string" ? Buffer.from(data, encoding || "utf8") : Buffer.from(data)).toString("hex");
  const digestAs = (hex, encoding) => (encoding === undefined || encoding === "buffer" ? Buffer.from(hex, "hex") : Buffer.from(hex, "hex").toString(encoding));
  function hasher(kind, algorithm, key) {
    const chunks = [];
    let done = false;
    const self = {
      update(data, encoding) {
        if (done) throw new SandboxError("Digest already called");
        chunks.push(toHex(data, encoding));
        return self;
      },
      digest(encoding) {
        done = true;
        const request = { t: kind, algorithm: String(algorithm), data: chunks.join(""), encoding: "hex" };
        if (key !== undefined) request.key = toHex(key);
        return digestAs(send(request), encoding);
      },
    };
    return self;
  }
  return Object.freeze({
    createHash: (algorithm) => hasher("hash", algorithm),
    createHmac: (algorithm, key) => hasher("hmac", algorithm, key),
    randomBytes: (size) => Buffer.from(send({ t: "random", size: Number(size) }), "hex"),
    randomUUID: () => send({ t: "uuid" }),
    timingSafeEqual: (a, b) => {
      if (a.length !== b.length) throw new RangeError("Input buffers must have the same byte length");
      let diff = 0;
      for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
      return diff === 0;
    },
    getHashes: () => ["md5", "sha1", "sha256", "sha384", "sha512"],
  });
});

// --- buffer ------------------------------------------------------------------------------------------------------
factories.set("buffer", () => kit.bufferModule);

// --- path (POSIX) --------------------------------------------------------------------------------------------------
factories.set("path", () => {
  const normalizeParts = (parts, absolute) => {
    const out = [];
    for (const part of parts) {
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
        else if (!absolute) out.push("..");
      } else out.push(part);
    }
    return out;
  };
  const normalize = (p) => {
    if (p === "") return ".";
    const absolute = p.startsWith("/");
    const trailing = p.endsWith("/");
    let out = normalizeParts(p.split("/"), absolute).join("/");
    if (out === "" && !absolute) out = ".";
    if (out !== "" && trailing) out += "/";
    return (absolute ? "/" : "") + out;
  };
  const basename = (p, ext) => {
    const parts = p.split("/").filter((x) => x !== "");
    let base = parts.length === 0 ? "" : parts[parts.length - 1];
    if (ext !== undefined && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
    return base;
  };
  const dirname = (p) => {
    const trimmed = p.length > 1 ? p.replace(/\/+$/, "") : p;
    const index = trimmed.lastIndexOf("/");
    if (index === -1) return ".";
    if (index === 0) return "/";
    return trimmed.slice(0, index);
  };
  const extname = (p) => {
    const base = basename(p);
    const index = base.lastIndexOf(".");
    return index <= 0 ? "" : base.slice(index);
  };
  const resolve = (...paths) => {
    let resolved = "";
    for (let i = paths.length - 1; i >= 0 && !resolved.startsWith("/"); i -= 1) {
      if (paths[i]) resolved = paths[i] + (resolved ? "/" + resolved : "");
    }
    if (!resolved.startsWith("/")) resolved = "/" + resolved;
    const out = normalize(resolved);
    return out.length > 1 ? out.replace(/\/$/, "") : out;
  };
  const relative = (from, to) => {
    const a = resolve(from).split("/").filter(Boolean);
    const b = resolve(to).split("/").filter(Boolean);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
    return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
  };
  const path = {
    sep: "/",
    delimiter: ":",
    normalize,
    join: (...parts) => normalize(parts.filter((x) => x !== "").join("/")),
    resolve,
    relative,
    dirname,
    basename,
    extname,
    isAbsolute: (p) => p.startsWith("/"),
    parse: (p) => {
      const base = basename(p);
      const ext = extname(p);
      return { root: p.startsWith("/") ? "/" : "", dir: dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format: (o) => (o.dir ? o.dir + "/" : o.root || "") + (o.base || (o.name || "") + (o.ext || "")),
  };
  path.posix = path;
  return Object.freeze(path);
});

// --- util -----------------------------------------------------------------------------------------------------------
const inspect = (value) => {
  if (typeof value === "string") return "'" + value + "'";
  if (typeof value === "function") return "[Function: " + (value.name || "anonymous") + "]";
  if (value instanceof SandboxError) return value.stack || String(value);
  if (value === undefined || typeof value === "bigint" || typeof value === "symbol") return String(value);
  try {
    return ejsonStringify(value, { relaxed: true });
  } catch {
    return String(value);
  }
};
const format = (first, ...args) => {
  if (typeof first !== "string") return [first, ...args].map(inspect).join(" ");
  let i = 0;
  const out = first.replace(/%([sdifjoO%])/g, (match, kind) => {
    if (kind === "%") return "%";
    if (i >= args.length) return match;
    const arg = args[i++];
    if (kind === "s") return typeof arg === "string" ? arg : inspect(arg);
    if (kind === "d" || kind === "f") return String(Number(arg));
    if (kind === "i") return String(Number.parseInt(arg, 10));
    return inspect(arg);
  });
  return [out, ...args.slice(i).map((arg) => (typeof arg === "string" ? arg : inspect(arg)))].join(" ");
};
const isDeepStrictEqual = (a, b) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (typeof a._bsontype === "string") return ejsonStringify(a) === ejsonStringify(b);
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && isDeepStrictEqual(a[key], b[key]));
};
factories.set("util", () =>
  Object.freeze({
    format,
    inspect,
    isDeepStrictEqual,
    promisify: (fn) => (...args) => new Promise((resolve, reject) => fn(...args, (error, value) => (error ? reject(error) : resolve(value)))),
    inherits: (ctor, superCtor) => Object.setPrototypeOf(ctor.prototype, superCtor.prototype),
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
    types: Object.freeze({ isDate: (v) => v instanceof Date, isRegExp: (v) => v instanceof RegExp, isPromise: (v) => v instanceof Promise }),
  }),
);

// --- events ---------------------------------------------------------------------------------------------------------
factories.set("events", () => {
  class EventEmitter {
    #listeners = new Map();
    on(name, listener) {
      const list = this.#listeners.get(name) ?? [];
      list.push(listener);
      this.#listeners.set(name, list);
      return this;
    }
    addListener(name, listener) { return this.on(name, listener); }
    once(name, listener) {
      const wrapper = (...args) => {
        this.off(name, wrapper);
        listener.apply(this, args);
      };
      return this.on(name, wrapper);
    }
    off(name, listener) {
      const list = this.#listeners.get(name);
      if (list) {
        const index = list.indexOf(listener);
        if (index !== -1) list.splice(index, 1);
      }
      return this;
    }
    removeListener(name, listener) { return this.off(name, listener); }
    removeAllListeners(name) {
      if (name === undefined) this.#listeners.clear();
      else this.#listeners.delete(name);
      return this;
    }
    emit(name, ...args) {
      const list = this.#listeners.get(name);
      if (!list || list.length === 0) {
        if (name === "error") throw args[0] instanceof SandboxError ? args[0] : new SandboxError("Unhandled error.");
        return false;
      }
      for (const listener of [...list]) listener.apply(this, args);
      return true;
    }
    listenerCount(name) { return (this.#listeners.get(name) ?? []).length; }
    eventNames() { return [...this.#listeners.keys()]; }
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.once = (emitter, name) => new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));
  return EventEmitter;
});

// --- assert ---------------------------------------------------------------------------------------------------------
factories.set("assert", () => {
  class AssertionError extends SandboxError {
    constructor(message) {
      super(message);
      this.name = "AssertionError";
      this.code = "ERR_ASSERTION";
    }
  }
  const check = (condition, message, fallback) => {
    if (condition) return;
    if (message instanceof SandboxError) throw message;
    throw new AssertionError(message ?? fallback);
  };
  const assert = (value, message) => check(value, message, "The expression evaluated to a falsy value");
  Object.assign(assert, {
    AssertionError,
    ok: assert,
    equal: (a, b, m) => check(a == b, m, inspect(a) + " == " + inspect(b)),
    notEqual: (a, b, m) => check(a != b, m, inspect(a) + " != " + inspect(b)),
    strictEqual: (a, b, m) => check(Object.is(a, b), m, "Expected values to be strictly equal: " + inspect(a) + " !== " + inspect(b)),
    notStrictEqual: (a, b, m) => check(!Object.is(a, b), m, "Expected values to differ: " + inspect(a)),
    deepEqual: (a, b, m) => check(isDeepStrictEqual(a, b), m, "Expected values to be deeply equal"),
    deepStrictEqual: (a, b, m) => check(isDeepStrictEqual(a, b), m, "Expected values to be strictly deep-equal"),
    notDeepStrictEqual: (a, b, m) => check(!isDeepStrictEqual(a, b), m, "Expected values not to be deep-equal"),
    fail: (m) => check(false, m, "Failed"),
    throws: (fn, m) => {
      try {
        fn();
      } catch {
        return;
      }
      check(false, typeof m === "string" ? m : undefined, "Missing expected exception.");
    },
    rejects: async (promiseOrFn, m) => {
      try {
        await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
      } catch {
        return;
      }
      check(false, typeof m === "string" ? m : undefined, "Missing expected rejection.");
    },
  });
  assert.strict = assert;
  return Object.freeze(assert);
});

// --- url ------------------------------------------------------------------------------------------------------------
factories.set("url", () => {
  class URLSearchParams {
    #pairs = [];
    constructor(init = "") {
      const text = String(init).replace(/^\?/, "");
      if (text !== "") {
        for (const pair of text.split("&")) {
          const [key, value = ""] = pair.split("=");
          const decodePart = (part) => decodeURIComponent(part.replace(/\+/g, " "));
          this.#pairs.push([decodePart(key), decodePart(value)]);
        }
      }
    }
    get(name) { const found = this.#pairs.find(([key]) => key === name); return found ? found[1] : null; }
    getAll(name) { return this.#pairs.filter(([key]) => key === name).map(([, value]) => value); }
    has(name) { return this.#pairs.some(([key]) => key === name); }
    append(name, value) { this.#pairs.push([String(name), String(value)]); }
    set(name, value) { this.delete(name); this.append(name, value); }
    delete(name) { this.#pairs = this.#pairs.filter(([key]) => key !== name); }
    entries() { return this.#pairs.map((pair) => [...pair])[Symbol.iterator](); }
    keys() { return this.#pairs.map(([key]) => key)[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this.#pairs.map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&"); }
  }
  class URL {
    constructor(input, base) {
      const parts = send({ t: "url", input: String(input), base: base === undefined ? undefined : String(base) });
      Object.assign(this, parts);
      this.searchParams = new URLSearchParams(parts.search);
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
  }
  return Object.freeze({ URL, URLSearchParams });
});
`;
