import fc from "fast-check";

/** The tokens and keys the property test logs in for, once. */
export interface Tokens {
  access: string;
  refresh: string;
  /** An access token past its expiry (mock clock). */
  expired: string;
  /** An access token of another live mock. */
  foreign: string;
  apiKey: string;
  apiKeyId: string;
  customJwt: string;
}

export const AUTH_VARIANTS = [
  "none",
  "empty",
  "garbage",
  "three-parts",
  "basic",
  "unsigned",
  "tampered",
  "lowercase",
  "access",
  "refresh",
  "expired",
  "foreign",
] as const;
export type AuthVariant = (typeof AUTH_VARIANTS)[number];

/** One generated request; `mustRefuse` marks a valid request carrying one hazard the kit must refuse (4xx). */
export interface RequestSpec {
  method: string;
  /** After the API prefix, with query string. */
  path: string;
  prefix: string;
  origin: "mock" | "other";
  auth: AuthVariant;
  contentType: string | undefined;
  body: string | Uint8Array | undefined;
  hazard: string | undefined;
  mustRefuse: boolean;
}

const PROTO_KEYS = ["__proto__", "constructor", "prototype"] as const;
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;
const PROVIDERS = [
  "anon-user",
  "local-userpass",
  "api-key",
  "custom-token",
  "custom-function",
  "oauth2-google",
  "oauth2-apple",
  "nope",
  "__proto__",
  "constructor",
  "toString",
];
const ACTIONS = [
  "find",
  "findOne",
  "count",
  "aggregate",
  "insertOne",
  "insertMany",
  "updateOne",
  "updateMany",
  "deleteOne",
  "deleteMany",
  "findOneAndUpdate",
  "findOneAndReplace",
  "findOneAndDelete",
  "watch",
  "nope",
  "__proto__",
  "constructor",
];
const FUNCTIONS = ["echo", "throws", "rejects", "odd", "missing", "__proto__", "constructor", "toString"];

const j = (value: unknown): string => JSON.stringify(value);

// ---- JSON values -------------------------------------------------------------------------------------------

const fieldName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("a", "n", "tags", "nested", "_id", "x", "y", "nested.x", "tags.0"),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom("$gt", "$in", "$set", "$exists", "$[e]", "a.$", "$foo") },
);

/** Plain JSON (no EJSON wrappers), small. */
const plainValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -5, max: 20 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 8 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fieldName, tie("value"), { maxKeys: 3 }),
  ),
})).value;

const plainDoc = fc.dictionary(fieldName, plainValue, { maxKeys: 4 });

/** A filter with some real operators, still plain JSON. */
const filter = fc.oneof(
  plainDoc,
  fc.constant({}),
  fc.record({ n: fc.record({ $gt: fc.integer({ min: 0, max: 3 }) }) }),
  fc.record({ tags: fc.record({ $in: fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }) }) }),
  fc.constant({ $or: [{ n: 1 }, { n: { $exists: false } }] }),
  fc.constant({ $expr: { $gt: ["$n", 0] } }),
  fc.constant({ $expr: { $foo: 1 } }),
);

const update = fc.oneof(
  fc.record({ $set: plainDoc }),
  fc.record({ $inc: fc.record({ n: fc.integer({ min: -3, max: 3 }) }) }),
  fc.record({ $push: fc.record({ tags: fc.string({ maxLength: 3 }) }) }),
  fc.constant({ $unset: { a: "" } }),
  fc.constant([{ $set: { m: { $add: ["$n", 1] } } }]),
  plainDoc,
  fc.constant({ $set: { "nested.x.$[e].y": 2 } }),
);

/** The argument document of a MongoDB action, valid or plausibly so. */
function actionArgument(action: string): fc.Arbitrary<Record<string, unknown>> {
  const base = { database: "db", collection: "items" };
  switch (action) {
    case "insertOne":
      return plainDoc.map((document) => ({ ...base, document }));
    case "insertMany":
      return fc.array(plainDoc, { maxLength: 3 }).map((documents) => ({ ...base, documents }));
    case "aggregate":
      return fc
        .constantFrom(
          [{ $match: { n: 1 } }],
          [{ $group: { _id: "$n", c: { $sum: 1 } } }],
          [{ $project: { n: 1 } }, { $sort: { n: -1 } }],
          [{ $nope: 1 }],
        )
        .map((pipeline) => ({ ...base, pipeline }));
    case "updateOne":
    case "updateMany":
    case "findOneAndUpdate":
      return fc
        .record({ query: filter, filter, update, upsert: fc.boolean() })
        .map((arg) => ({ ...base, ...arg, arrayFilters: [{ "e.y": 1 }] }));
    case "findOneAndReplace":
      return fc
        .record({ filter, update: plainDoc, upsert: fc.boolean() })
        .map((arg) => ({ ...base, ...arg }));
    default:
      return fc
        .record(
          {
            query: filter,
            filter,
            sort: fc.constantFrom({ n: 1 }, { n: -1 }, {}),
            project: fc.constantFrom({ n: 1 }, { _id: 0 }, {}),
            limit: fc.integer({ min: 0, max: 3 }),
            ids: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
          },
          { requiredKeys: [] },
        )
        .map((arg) => ({ ...base, ...arg }));
  }
}

// ---- hazards: text-level edits of a JSON body ---------------------------------------------------------------

/** Inserts `"key":value` as the first member of the object opening at one of the `{` of `text`. */
function injectMember(text: string, member: string, pick: number): string {
  const opens: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === "{") opens.push(i);
  if (opens.length === 0) return text;
  const at = opens[pick % opens.length] ?? 0;
  const closes = text[at + 1] === "}";
  return `${text.slice(0, at + 1)}${member}${closes ? "" : ","}${text.slice(at + 1)}`;
}

const deepValue = (levels: number) => `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;

/**
 * Members that a MongoDB action argument must be refused for, wherever they sit in it. Their names are unique, so
 * that a duplicate key (JSON keeps the last) never hides one.
 */
const refusedMember = fc.oneof(
  fc
    .tuple(fc.constantFrom(...PROTO_KEYS), fc.constantFrom("", ".isAdmin", ".polluted"))
    .map(([key, rest]) => ({ hazard: `key ${key}${rest}`, member: `${j(key + rest)}:{"isAdmin":true}` })),
  fc
    .tuple(fc.constantFrom("a.", "x.y."), fc.constantFrom(...PROTO_KEYS))
    .map(([head, key]) => ({ hazard: `path ${head}${key}`, member: `${j(`${head}${key}.isAdmin`)}:true` })),
  fc
    .integer({ min: 101, max: 3000 })
    .map((levels) => ({ hazard: `depth ${levels}`, member: `"hazardDeep":${deepValue(levels)}` })),
  fc
    .constantFrom(
      '"$date":"garbage"',
      '"hazardDate":{"$date":"garbage"}',
      '"hazardOid":{"$oid":"xyz"}',
      '"hazardLong":{"$numberLong":"1e3"}',
      '"hazardDecimal":{"$numberDecimal":"abc"}',
      '"hazardInt":{"$numberInt":"3.5"}',
    )
    .map((member) => ({ hazard: `ejson ${member}`, member })),
  fc
    .constantFrom(
      '"$where":"this.n === 1"',
      '"$function":{"body":"","args":[],"lang":"js"}',
      '"$accumulator":{}',
    )
    .map((member) => ({ hazard: `javascript ${member}`, member })),
);

/** Members any body may carry: the kit must stay calm, but may accept them where they mean nothing. */
const strayMember = fc.oneof(
  refusedMember,
  fc
    .constantFrom('"$foo":1', '"":1', '"a.b":{"$gt":"$$ROOT"}')
    .map((member) => ({ hazard: `stray ${member}`, member })),
);

/** Whole-body replacements: not JSON, not an object, truncated, deep, huge, binary. */
const badBody: fc.Arbitrary<{ hazard: string; body: string | Uint8Array }> = fc.oneof(
  fc
    .constantFrom("", "{", "}", "null", "[]", "42", '"s"', "{'a':1}", '{"a":}', "\u0000", "{}}", '{"a":1,}')
    .map((body) => ({ hazard: `bad json ${j(body)}`, body })),
  fc.string({ maxLength: 40 }).map((body) => ({ hazard: "random text", body })),
  fc.uint8Array({ maxLength: 40 }).map((body) => ({ hazard: "random bytes", body })),
  fc
    .integer({ min: 200, max: 20_000 })
    .map((levels) => ({ hazard: `deep json ${levels}`, body: deepValue(levels) })),
  fc.integer({ min: 200, max: 5000 }).map((levels) => ({
    hazard: `deep array ${levels}`,
    body: `${"[".repeat(levels)}${"]".repeat(levels)}`,
  })),
  fc.constant({ hazard: "huge json", body: j({ name: "echo", arguments: ["x".repeat(2 * 1024 * 1024)] }) }),
);

// ---- routes -----------------------------------------------------------------------------------------------

interface RouteShape {
  method: string;
  path: string;
  /** Plain JSON body text, or undefined for no body. */
  body: string | undefined;
  auth: AuthVariant;
  /** A MongoDB action argument sits in the body: a refused member injected there must be refused. */
  mongo: boolean;
}

const appSegment = (appId: string) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(appId) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "foreign-app",
        "unknown-app",
        "__proto__",
        "constructor",
        "%2e%2e",
        "..",
        ".",
        appId.toUpperCase(),
        `${appId}%2F`,
        "a".repeat(300),
        "ⓐpp",
      ),
    },
  );

const validAuth = fc.oneof(
  { weight: 6, arbitrary: fc.constant<AuthVariant>("access") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...AUTH_VARIANTS),
  },
);

function loginBody(provider: string): fc.Arbitrary<string> {
  const payload = (() => {
    switch (provider) {
      case "local-userpass":
        return fc.record({
          username: fc.constantFrom("ada@example.com", "bo@example.com", "nobody@example.com", ""),
          password: fc.constantFrom("password1", "password2", "wrong", ""),
        });
      case "api-key":
        return fc.record({ key: fc.constantFrom("@api-key", "nope", "") });
      case "custom-token":
        return fc.record({ token: fc.constantFrom("@custom-jwt", "a.b.c", "x") });
      case "custom-function":
        return fc.oneof(fc.record({ id: fc.string({ maxLength: 6 }) }), plainDoc);
      default:
        return plainDoc;
    }
  })();
  return fc
    .tuple(payload, fc.boolean())
    .map(([body, device]) => j(device ? { ...body, options: { device: { platform: "fuzz" } } } : body));
}

const emailBodies: Record<string, fc.Arbitrary<unknown>> = {
  register: fc.record({ email: fc.emailAddress(), password: fc.string({ minLength: 0, maxLength: 10 }) }),
  confirm: fc.record({ token: fc.string({ maxLength: 8 }), tokenId: fc.string({ maxLength: 8 }) }),
  "confirm/send": fc.record({ email: fc.constantFrom("ada@example.com", "x@example.com") }),
  "confirm/call": fc.record({ email: fc.constantFrom("ada@example.com", "x@example.com") }),
  reset: fc.record({ token: fc.string(), tokenId: fc.string(), password: fc.string() }),
  "reset/send": fc.record({ email: fc.constantFrom("ada@example.com", "x@example.com") }),
  "reset/call": fc.record({
    email: fc.constantFrom("ada@example.com", "x@example.com"),
    password: fc.string(),
    arguments: fc.array(plainValue, { maxLength: 2 }),
  }),
};

function routes(appId: string): fc.Arbitrary<RouteShape> {
  const app = appSegment(appId);
  const none = (path: fc.Arbitrary<string>, method: string, auth: fc.Arbitrary<AuthVariant> = validAuth) =>
    fc.record({
      method: fc.constant(method),
      path,
      body: fc.constant(undefined),
      auth,
      mongo: fc.constant(false),
    });
  const mongoCall = fc.tuple(app, fc.constantFrom(...ACTIONS), validAuth).chain(([a, action, auth]) =>
    actionArgument(action).map((arg) => ({
      method: "POST",
      path: `/app/${a}/functions/call`,
      body: j({ name: action, service: "mongodb-atlas", arguments: [arg] }),
      auth,
      mongo: a === appId && ACTIONS.indexOf(action) < 13,
    })),
  );
  const watch = fc.tuple(app, validAuth, fc.option(filter, { nil: undefined })).map(([a, auth, f]) => {
    const call = j({
      name: "watch",
      service: "mongodb-atlas",
      arguments: [{ database: "db", collection: "items", filter: f }],
    });
    return {
      method: "GET",
      path: `/app/${a}/functions/call?baas_request=${encodeURIComponent(btoa(call))}`,
      body: undefined,
      auth,
      mongo: false,
    };
  });
  const functionCall = fc
    .tuple(app, fc.constantFrom(...FUNCTIONS), fc.array(plainValue, { maxLength: 3 }), validAuth)
    .map(([a, name, args, auth]) => ({
      method: "POST",
      path: `/app/${a}/functions/call`,
      body: j({ name, arguments: args }),
      auth,
      mongo: false,
    }));
  const login = fc
    .tuple(app, fc.constantFrom(...PROVIDERS), fc.boolean(), validAuth)
    .chain(([a, p, link, auth]) =>
      loginBody(p).map((body) => ({
        method: "POST",
        path: `/app/${a}/auth/providers/${p}/login${link ? "?link=true" : ""}`,
        body,
        auth: link ? auth : ("none" as AuthVariant),
        mongo: false,
      })),
    );
  const email = fc.tuple(app, fc.constantFrom(...Object.keys(emailBodies))).chain(([a, suffix]) =>
    (emailBodies[suffix] ?? plainDoc).map((body) => ({
      method: "POST",
      path: `/app/${a}/auth/providers/local-userpass/${suffix}`,
      body: j(body),
      auth: "none" as AuthVariant,
      mongo: false,
    })),
  );
  const keyId = fc.constantFrom("@api-key-id", "0123456789abcdef01234567", "__proto__", "constructor", "x");
  const apiKeys = fc.oneof(
    fc.tuple(fc.string({ maxLength: 8 }), validAuth).map(([name, auth]) => ({
      method: "POST",
      path: "/auth/api_keys",
      body: j({ name }),
      auth: auth === "access" ? ("refresh" as AuthVariant) : auth,
      mongo: false,
    })),
    none(fc.constant("/auth/api_keys"), "GET", fc.constantFrom<AuthVariant>("refresh", "access", "expired")),
    fc
      .tuple(keyId, fc.constantFrom("GET", "DELETE"))
      .chain(([id, method]) =>
        none(fc.constant(`/auth/api_keys/${id}`), method, fc.constantFrom<AuthVariant>("refresh", "garbage")),
      ),
    fc
      .tuple(keyId, fc.constantFrom("enable", "disable"))
      .chain(([id, action]) =>
        none(
          fc.constant(`/auth/api_keys/${id}/${action}`),
          "PUT",
          fc.constantFrom<AuthVariant>("refresh", "foreign"),
        ),
      ),
  );
  const session = fc.oneof(
    none(fc.constant("/auth/profile"), "GET"),
    none(fc.constant("/auth/session"), "POST", fc.constantFrom<AuthVariant>(...AUTH_VARIANTS)),
    none(fc.constant("/auth/session"), "DELETE", fc.constantFrom<AuthVariant>(...AUTH_VARIANTS)),
    none(fc.constant("/auth/delete"), "DELETE"),
  );
  const push = fc
    .tuple(app, fc.constantFrom("gcm", "__proto__", "x"), fc.constantFrom("PUT", "DELETE"), validAuth)
    .map(([a, service, method, auth]) => ({
      method,
      path: `/app/${a}/push/providers/${service}/registration`,
      body: method === "PUT" ? j({ registrationToken: "t" }) : undefined,
      auth,
      mongo: false,
    }));
  const junkWatch = none(
    fc
      .constantFrom(
        "%%%",
        "e30=",
        btoa("[1]"),
        btoa("{"),
        btoa(j({ name: "watch", service: "mongodb-atlas" })),
        "",
      )
      .map((param) => `/app/${appId}/functions/call?baas_request=${param}`),
    "GET",
  );
  const location = none(
    app.map((a) => `/app/${a}/location`),
    "GET",
    fc.constant<AuthVariant>("none"),
  );
  const unknown = none(
    fc.constantFrom("/app/x/nope", "/nope", "/", "/auth", "/auth/", `/app/${appId}/`),
    "GET",
  );
  return fc.oneof(
    { weight: 8, arbitrary: mongoCall },
    { weight: 2, arbitrary: watch },
    { weight: 1, arbitrary: junkWatch },
    { weight: 3, arbitrary: functionCall },
    { weight: 3, arbitrary: login },
    { weight: 2, arbitrary: email },
    { weight: 2, arbitrary: apiKeys },
    { weight: 2, arbitrary: session },
    { weight: 1, arbitrary: push },
    { weight: 1, arbitrary: location },
    { weight: 1, arbitrary: unknown },
  );
}

const PATH_TRICKS: readonly ((path: string) => string)[] = [
  (p) => `${p}/`,
  (p) => p.replace("/", "//"),
  (p) => p.toUpperCase(),
  (p) => p.replace("/auth", "/%61uth").replace("/app", "/%61pp"),
  (p) => `${p}${p.includes("?") ? "&" : "?"}link=true&x=%00`,
  (p) => `/..${p}`,
  (p) => `/./${p}`,
  (p) => p.replace(/\/[^/]*$/, "/%2F"),
];

const CONTENT_TYPES = [
  "application/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json; charset=utf-16",
  "application/ejson",
];

/** One request: a route with mostly valid parts, then zero or one twist of method, path, headers or body. */
export function requestSpec(appId: string): fc.Arbitrary<RequestSpec> {
  return fc
    .tuple(
      routes(appId),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
        {
          weight: 5,
          arbitrary: fc.record({
            kind: fc.constant("member" as const),
            pick: fc.nat(),
            member: refusedMember,
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant("stray" as const), pick: fc.nat(), member: strayMember }),
        },
        { weight: 2, arbitrary: fc.record({ kind: fc.constant("body" as const), bad: badBody }) },
        {
          weight: 1,
          arbitrary: fc.record({ kind: fc.constant("method" as const), method: fc.constantFrom(...METHODS) }),
        },
        {
          weight: 2,
          arbitrary: fc.record({ kind: fc.constant("path" as const), trick: fc.nat(PATH_TRICKS.length - 1) }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant("auth" as const),
            auth: fc.constantFrom(...AUTH_VARIANTS),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant("type" as const),
            type: fc.constantFrom(...CONTENT_TYPES),
          }),
        },
        {
          weight: 1,
          arbitrary: fc.record({
            kind: fc.constant("outside" as const),
            prefix: fc.constantFrom("/api/client/v3.0", "/api/client", "/other"),
          }),
        },
        { weight: 1, arbitrary: fc.constant({ kind: "origin" as const }) },
      ),
    )
    .map(([route, twist]) => {
      const spec: RequestSpec = {
        method: route.method,
        path: route.path,
        prefix: "/api/client/v2.0",
        origin: "mock",
        auth: route.auth,
        contentType: route.body === undefined ? undefined : "application/json",
        body: route.body,
        hazard: undefined,
        mustRefuse: false,
      };
      switch (twist.kind) {
        case "member":
        case "stray":
          if (route.body === undefined) break;
          spec.body = injectMember(route.body, twist.member.member, twist.pick);
          spec.hazard = twist.member.hazard;
          // Inside the argument document of a MongoDB action (the first "{" of the body is the call itself).
          spec.mustRefuse =
            twist.kind === "member" &&
            route.mongo &&
            route.auth === "access" &&
            spec.body.indexOf(twist.member.member) > route.body.indexOf('"arguments"');
          break;
        case "body":
          spec.body = twist.bad.body;
          spec.hazard = twist.bad.hazard;
          break;
        case "method":
          spec.method = twist.method;
          spec.hazard = `method ${twist.method}`;
          break;
        case "path":
          spec.path = PATH_TRICKS[twist.trick]?.(route.path) ?? route.path;
          spec.hazard = `path ${spec.path}`;
          break;
        case "auth":
          spec.auth = twist.auth;
          spec.hazard = `auth ${twist.auth}`;
          break;
        case "type":
          spec.contentType = twist.type;
          spec.hazard = `content-type ${twist.type}`;
          break;
        case "outside":
          spec.prefix = twist.prefix;
          spec.hazard = `prefix ${twist.prefix}`;
          break;
        case "origin":
          spec.origin = "other";
          spec.hazard = "origin";
          break;
      }
      if (spec.method === "GET" || spec.method === "HEAD") spec.body = undefined;
      return spec;
    });
}

function unsigned(token: string): string {
  const [, payload] = token.split(".");
  return `${btoa(j({ alg: "none", typ: "JWT" })).replace(/=+$/, "")}.${payload ?? ""}.`;
}

function tampered(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(atob((payload ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<
    string,
    unknown
  >;
  const forged = btoa(j({ ...claims, sub: "someone-else" }))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  return `${header}.${forged}.${signature}`;
}

function authorization(variant: AuthVariant, tokens: Tokens): string | undefined {
  switch (variant) {
    case "none":
      return undefined;
    case "empty":
      return "Bearer ";
    case "garbage":
      return "Bearer not-a-token";
    case "three-parts":
      return "Bearer a.b.c";
    case "basic":
      return `Basic ${btoa("ada:password1")}`;
    case "unsigned":
      return `Bearer ${unsigned(tokens.access)}`;
    case "tampered":
      return `Bearer ${tampered(tokens.access)}`;
    case "lowercase":
      return `bearer ${tokens.access}`;
    case "access":
      return `Bearer ${tokens.access}`;
    case "refresh":
      return `Bearer ${tokens.refresh}`;
    case "expired":
      return `Bearer ${tokens.expired}`;
    case "foreign":
      return `Bearer ${tokens.foreign}`;
  }
}

/** The Fetch request of a spec; `@api-key`, `@api-key-id` and `@custom-jwt` placeholders become real values. */
export function toRequest(spec: RequestSpec, baseUrl: string, tokens: Tokens): Request {
  const origin = spec.origin === "mock" ? baseUrl : "http://localhost:9";
  const fill = (text: string) =>
    text
      .replaceAll("@api-key-id", tokens.apiKeyId)
      .replaceAll("@api-key", tokens.apiKey)
      .replaceAll("@custom-jwt", tokens.customJwt);
  const headers = new Headers();
  const auth = authorization(spec.auth, tokens);
  if (auth !== undefined) headers.set("authorization", auth);
  if (spec.contentType !== undefined) headers.set("content-type", spec.contentType);
  const body = typeof spec.body === "string" ? fill(spec.body) : spec.body && new Blob([spec.body.slice()]);
  return new Request(`${origin}${spec.prefix}${fill(spec.path)}`, { method: spec.method, headers, body });
}
