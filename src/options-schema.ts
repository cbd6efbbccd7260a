import * as v from "valibot";
import { kitMessage } from "./logger.js";
import type { MockAppOptions } from "./options.js";
import { OAUTH_METADATA_NAMES } from "./providers/config.js";
import type { ProviderType } from "./seed.js";

/**
 * The runtime check of `createMockApp` options (plain JavaScript callers get no type errors). Written with
 * valibot: small, tree-shaken, browser-safe, and its issues carry the path of each problem. Deep checks of
 * `rules`, `schemas` and `graphql` belong to their engines; here only their outer shape is checked.
 */

const objectLike = (what: string) =>
  v.custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    `must be ${what}`,
  );
const fn = (what: string) => v.function(`must be ${what}`);
const text = (what = "a string") => v.string(`must be ${what}`);
const flag = v.optional(v.boolean("must be true or false"));
const optionalText = v.optional(text());
const document = objectLike("a document (an object)");

/** A `{ [name]: value }` object (valibot's record alone would take an array). */
const dictionary = <T extends v.GenericSchema>(value: T, message: string) =>
  v.pipe(objectLike(message.replace(/^must be /, "")), v.record(v.string(), value, message));

const OBJECT_ID = /^[0-9a-f]{24}$/;

const identity = v.variant(
  "provider",
  [
    v.strictObject({ provider: v.literal("anon-user"), id: optionalText }),
    v.strictObject({
      provider: v.literal("local-userpass"),
      email: text(),
      password: text(),
      confirmed: flag,
    }),
    v.strictObject({
      provider: v.picklist(["custom-token", "oauth2-google", "oauth2-facebook", "oauth2-apple"]),
      sub: text(),
      data: v.optional(document),
    }),
    v.strictObject({ provider: v.literal("custom-function"), externalId: text() }),
  ],
  "must name a provider: anon-user, local-userpass, custom-token, custom-function or oauth2-*",
);

const seedUser = v.strictObject(
  {
    id: v.optional(v.pipe(text(), v.regex(OBJECT_ID, "must be 24 lowercase hex digits"))),
    type: v.optional(v.picklist(["normal", "server"], 'must be "normal" or "server"')),
    email: optionalText,
    password: optionalText,
    anonymous: flag,
    identities: v.optional(v.array(identity, "must be an array of identities")),
    data: v.optional(document),
    customData: v.optional(document),
    disabled: flag,
    apiKeys: v.optional(
      v.array(
        v.strictObject({ id: optionalText, name: text(), key: text(), disabled: flag }),
        "must be an array of { name, key }",
      ),
    ),
  },
  "must be a seed user object",
);

const settings = <T extends v.ObjectEntries>(entries: T) =>
  v.optional(v.union([v.boolean(), v.strictObject(entries)], "must be true, false or a settings object"));

const metadataField = v.strictObject({ name: text(), fieldName: optionalText, required: flag });
const OAUTH_FIELDS = OAUTH_METADATA_NAMES;
const oauth = settings({
  clientId: optionalText,
  metadataFields: v.optional(
    v.array(
      v.strictObject({
        name: v.picklist(OAUTH_FIELDS, `must be one of ${OAUTH_FIELDS.join(", ")}`),
        required: flag,
      }),
    ),
  ),
});

const providerEntries = {
  "anon-user": settings({}),
  "api-key": settings({}),
  "local-userpass": settings({
    autoConfirm: flag,
    runConfirmationFunction: flag,
    confirmationFunctionName: optionalText,
    confirmationFunction: v.optional(fn("a function")),
    emailConfirmationUrl: optionalText,
    runResetFunction: flag,
    resetFunctionName: optionalText,
    resetFunction: v.optional(fn("a function")),
    resetPasswordUrl: optionalText,
  }),
  "custom-token": settings({
    signingAlgorithm: v.optional(v.picklist(["HS256", "RS256"], 'must be "HS256" or "RS256"')),
    // How many keys, and settings that contradict each other, are checked next (validateProviders).
    signingKeys: v.array(text(), "must be an array of 1 to 3 keys"),
    audience: v.optional(v.union([text(), v.array(text())], "must be a string or an array of strings")),
    requireAnyAudience: flag,
    metadataFields: v.optional(v.array(metadataField, "must be an array of { name, fieldName?, required? }")),
  }),
  "custom-function": settings({ authFunctionName: optionalText, authFunction: v.optional(fn("a function")) }),
  "oauth2-google": oauth,
  "oauth2-facebook": oauth,
  "oauth2-apple": oauth,
} satisfies Record<ProviderType, unknown>;
const PROVIDERS = Object.keys(providerEntries).join(", ");

const mockFunction = v.union(
  [
    fn("a function"),
    v.strictObject({
      handler: fn("a function"),
      private: flag,
      runAsSystem: flag,
      canEvaluate: v.optional(fn("a function")),
    }),
  ],
  "must be a function or { handler, private?, runAsSystem?, canEvaluate? }",
);

const positiveNumber = (what: string) =>
  v.optional(
    v.pipe(v.number(`must be ${what}`), v.finite(`must be ${what}`), v.minValue(1, `must be ${what}`)),
  );

const optionEntries = {
  id: v.optional(
    v.pipe(text(), v.regex(/^[^/\s?#]+$/, "must be a non-empty app id without '/', '?', '#' or spaces")),
  ),
  baseUrl: v.optional(v.pipe(text(), v.url("must be an absolute URL"))),
  users: v.optional(v.array(seedUser, "must be an array of seed users")),
  data: v.optional(
    dictionary(
      dictionary(
        dictionary(
          v.array(document, "must be an array of documents"),
          "must be { [collection]: documents[] }",
        ),
        "must be { [database]: { [collection]: documents[] } }",
      ),
      "must be { [service]: { [database]: { [collection]: documents[] } } }",
    ),
  ),
  clock: v.optional(
    v.looseObject({ now: fn("a function returning epoch milliseconds") }, "must be a clock: { now() }"),
  ),
  tokens: v.optional(
    v.strictObject(
      {
        // The ≥ 1 second floor is the runtime's check (a shorter lifetime would loop realm-web).
        accessTokenTtlSeconds: v.optional(v.number("must be a number of seconds")),
        refreshTokenTtlSeconds: v.optional(v.number("must be a number of seconds")),
      },
      "must be { accessTokenTtlSeconds?, refreshTokenTtlSeconds? }",
    ),
  ),
  idSeed: optionalText,
  customUserData: v.optional(
    v.strictObject(
      { serviceName: optionalText, database: text(), collection: text(), userIdField: text() },
      "must be { database, collection, userIdField, serviceName? }",
    ),
  ),
  providers: v.optional(v.strictObject(providerEntries, `must be an object of providers (${PROVIDERS})`)),
  logger: v.optional(v.looseObject({ warn: fn("a function") }, "must be a logger: { warn(message) }")),
  functions: v.optional(dictionary(mockFunction, "must be { [name]: function }")),
  values: v.optional(dictionary(v.unknown(), "must be an object of values")),
  environment: v.optional(
    v.strictObject(
      { tag: optionalText, values: v.optional(dictionary(v.unknown(), "must be an object of values")) },
      "must be { tag?, values? }",
    ),
  ),
  functionTimeoutMs: positiveNumber("a number of milliseconds ≥ 1"),
  services: v.optional(v.array(text(), "must be an array of service names")),
  mongodb: v.optional(v.strictObject({ realFindOneAndDelete: flag }, "must be { realFindOneAndDelete? }")),
  rules: v.optional(
    dictionary(objectLike("a data source's rules (an object)"), "must be { [service]: rules }"),
  ),
  schemas: v.optional(
    v.array(objectLike("a collection schema (an object)"), "must be an array of collection schemas"),
  ),
  graphql: v.optional(objectLike("an object of GraphQL settings")),
  // The range checks (integer threshold ≥ 1, window > 0) are the guard's own.
  refreshLoopGuard: v.optional(
    v.union(
      [
        v.literal(false),
        v.strictObject({
          threshold: v.optional(v.number("must be a number")),
          windowMs: v.optional(v.number("must be a number")),
        }),
      ],
      "must be false or { threshold?, windowMs? }",
    ),
  ),
};

// Every option of MockAppOptions has an entry above, and no entry is unknown to it: a new option does not compile
// until it is checked here (an unchecked one would be refused at runtime as "not a known option").
type Unchecked = Exclude<keyof MockAppOptions, keyof typeof optionEntries>;
type Unknown = Exclude<keyof typeof optionEntries, keyof MockAppOptions>;
const everyOptionChecked: [Unchecked | Unknown] extends [never] ? true : Unchecked | Unknown = true;
void everyOptionChecked;

const optionsSchema = v.strictObject(optionEntries, "must be an object");

/** `users[0].email`, `providers["oauth2-github"]`, `data.mongodb-atlas` → readable paths. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = "";
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out === "" ? "(options)" : out;
}

/**
 * One line per problem. An unknown key of a strict object says which keys are known, a missing one says so; a
 * union (a function or a settings object) reports the deeper problems of the branch the value took.
 */
function describe(issue: v.BaseIssue<unknown>): string[] {
  const depth = issue.path?.length ?? 0;
  // The issues of a union's branches have paths relative to the union.
  const deeper = (issue.issues ?? [])
    .filter((sub) => (sub.path?.length ?? 0) > 0)
    .map((sub) => ({ ...sub, path: [...(issue.path ?? []), ...(sub.path ?? [])] }) as v.BaseIssue<unknown>);
  if (issue.type === "union" && deeper.length > 0) return deeper.flatMap(describe);
  const path = pathOf(issue);
  if (issue.type === "strict_object" && issue.expected === "never") {
    const parent = issue.path?.at(-2)?.key;
    const what = parent === "providers" ? `is not a provider (known: ${PROVIDERS})` : "is not a known option";
    return [`${path} ${what}`];
  }
  if (issue.kind === "schema" && issue.received === "undefined" && depth > 0) return [`${path} is missing`];
  return [`${path} ${issue.message} (got ${issue.received})`];
}

/** Throws one kit error listing every problem of the options by path; returns the options otherwise. */
export function validateOptions(options: unknown): MockAppOptions {
  const result = v.safeParse(optionsSchema, options);
  if (result.success) return options as MockAppOptions;
  const lines = result.issues.flatMap(describe).map((line) => `  - ${line}`);
  throw new TypeError(kitMessage(`Invalid createMockApp options:\n${lines.join("\n")}`));
}
