/**
 * What each realm-web member and wire route is, and which tests exercise it: the input of `docs/fidelity.md`
 * (`npm run docs:fidelity`; checked by test/unit/fidelity/fidelity.test.ts). A test is named
 * `"<file> › <test title>"`; for a realm-web member the test body must use the member (`.name`, `name:` or, for a
 * change event, `"type"`). A route's tests include those of the members listed in `via` (the calls that send
 * it). `code` names where the behaviour is implemented (`file` or `file#declaration`): the table quotes the
 * `FIDELITY:` notes found there. ◐ and ❌ rows say what is missing and the README "Deviations" entry (its bold
 * lead) that explains it.
 */

export type Status = "emulated" | "partial" | "missing";

export interface Claim {
  readonly status: Status;
  readonly tests?: readonly string[];
  /** ◐ / ❌: what is missing, in a few words. */
  readonly missing?: string;
  /** The bold lead of the README "Deviations" entry about this row (required for ◐ and ❌). */
  readonly deviation?: string;
  readonly code?: readonly string[];
}

export interface RouteClaim extends Claim {
  /** realm-web members whose calls send this route. */
  readonly via?: readonly string[];
}

const I = "test/integration/";
const login = `${I}auth.login.test.ts › logs in a seeded user and reads its profile, identities and custom data`;
const clientSide = `${I}sdk.client-side.test.ts`;
const collection = `${I}mongodb.collection.test.ts`;
const watch = `${I}mongodb.watch.test.ts`;
const keys = `${I}api-keys.lifecycle.test.ts`;
const confirmation = `${I}email-password.confirmation.test.ts`;
const reset = `${I}email-password.reset.test.ts`;
const oauth = `${I}providers.oauth.test.ts`;

const ok = (tests: readonly string[], code?: readonly string[]): Claim => ({
  status: "emulated",
  tests,
  code,
});
const partial = (
  missing: string,
  deviation: string,
  tests: readonly string[],
  code?: readonly string[],
): Claim => ({
  status: "partial",
  missing,
  deviation,
  tests,
  code,
});
/** realm-web 2.0.1 implements these as `throw new Error("Not yet implemented")` (checked against its bundle). */
export const sdkThrows: Claim = {
  status: "missing",
  missing: 'realm-web 2.0.1 throws "Not yet implemented" before any request',
  deviation: "realm-web's own gaps:",
  tests: [`${I}sdk.gaps.test.ts › throws in realm-web itself, before any request`],
};

export const sdkClaims: Readonly<Record<string, Claim>> = {
  "App.getApp": ok([`${clientSide} › caches apps by id with App.getApp`]),
  "App.id": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.Credentials": ok([`${clientSide} › builds credentials through App.Credentials`]),
  "App.fetcher": ok([
    `${clientSide} › exposes the location, the device information and the fetcher's routes`,
  ]),
  "App.emailPasswordAuth": ok([
    `${confirmation} › auto-confirms by default, so the new user logs in at once`,
  ]),
  "App.storage": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.authenticator": ok([
    `${clientSide} › authenticates without creating a user through the authenticator`,
  ]),
  "App.switchUser": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.logIn": ok([login], ["src/operations/login.ts#login"]),
  "App.removeUser": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.deleteUser": ok([
    `${I}auth.session.test.ts › deletes the current user; logging in again with the same credentials fails with 401`,
  ]),
  "App.addListener": sdkThrows,
  "App.removeListener": sdkThrows,
  "App.removeAllListeners": sdkThrows,
  "App.currentUser": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.allUsers": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "App.locationUrl": ok([
    `${clientSide} › exposes the location, the device information and the fetcher's routes`,
  ]),
  "App.deviceInformation": ok([
    `${clientSide} › exposes the location, the device information and the fetcher's routes`,
  ]),

  "Credentials.anonymous": ok([
    `${I}auth.login.test.ts › creates a new server-side user for every anonymous login that the SDK does not reuse`,
  ]),
  "Credentials.apiKey": ok([`${keys} › logs a seeded server key in as its server user`]),
  "Credentials.emailPassword": ok([`${I}auth.login.test.ts › rejects an unknown user with the same 401`]),
  "Credentials.function": ok([
    `${I}providers.custom-function.test.ts › fails a login whose auth function hangs past the time limit, with AuthError`,
  ]),
  "Credentials.jwt": ok([
    `${I}providers.linking.test.ts › accepts relinking an identity the user already has`,
  ]),
  "Credentials.google": partial(
    "tokens minted by mock.tokens only; the redirect flow answers 501",
    "OAuth:",
    [`${oauth} › accepts the token as a Google authCode and logs the same sub in as the same user`],
    ["src/providers/oauth2.ts"],
  ),
  "Credentials.facebook": partial(
    "tokens minted by mock.tokens only; the redirect flow answers 501",
    "OAuth:",
    [`${oauth} › fills the Facebook profile, age range included`],
    ["src/providers/oauth2.ts"],
  ),
  "Credentials.apple": partial(
    "tokens minted by mock.tokens only; the redirect flow answers 501",
    "OAuth:",
    [`${oauth} › gives Apple users no profile metadata`],
    ["src/providers/oauth2.ts"],
  ),
  "Credentials.providerName": ok([`${clientSide} › builds credentials through App.Credentials`]),
  "Credentials.providerType": ok([`${clientSide} › builds credentials through App.Credentials`]),
  "Credentials.reuse": ok([`${clientSide} › builds credentials through App.Credentials`]),
  "Credentials.payload": ok([`${clientSide} › builds credentials through App.Credentials`]),

  "EmailPasswordAuth.registerUser": ok([
    `${confirmation} › auto-confirms by default, so the new user logs in at once`,
  ]),
  "EmailPasswordAuth.confirmUser": ok([
    `${confirmation} › keeps the user pending on pending; confirmUser with the function's pair finishes it`,
  ]),
  "EmailPasswordAuth.resendConfirmationEmail": ok([
    `${confirmation} › resends a new link that replaces the old one`,
  ]),
  "EmailPasswordAuth.retryCustomConfirmation": ok([
    `${confirmation} › runs the function again with retryCustomConfirmation`,
  ]),
  "EmailPasswordAuth.resetPassword": ok([
    `${reset} › sends a reset link; following it sets the new password and retires the old one`,
  ]),
  "EmailPasswordAuth.sendResetPasswordEmail": ok([
    `${reset} › sends a reset link; following it sets the new password and retires the old one`,
  ]),
  "EmailPasswordAuth.callResetPasswordFunction": ok([
    `${I}app-config.functions.test.ts › resets by function with the SDK's extra argument`,
  ]),

  "ApiKeyAuth.create": partial("the 20-key limit", "API keys:", [
    `${keys} › creates a key whose secret is shown once and whose _id is a plain 24-hex string`,
  ]),
  "ApiKeyAuth.fetch": ok([`${keys} › hides other users' keys (404) and answers unknown ids with 404`]),
  "ApiKeyAuth.fetchAll": ok([`${keys} › deletes a key: it is gone from fetch and cannot log in`]),
  "ApiKeyAuth.delete": partial("the 403 for deleting the key the session logged in with", "API keys:", [
    `${keys} › deletes a key: it is gone from fetch and cannot log in`,
  ]),
  "ApiKeyAuth.enable": ok([
    `${keys} › logs in with a key as its owner, until the key is disabled; enabling lets it in again`,
  ]),
  "ApiKeyAuth.disable": ok([
    `${keys} › logs in with a key as its owner, until the key is disabled; enabling lets it in again`,
  ]),

  "User.app": ok([`${clientSide} › keeps users per app: switchUser, removeUser, allUsers, storage`]),
  "User.id": ok([
    `${I}auth.login.test.ts › logs in a new anonymous user with JWT tokens whose sub is the user id`,
  ]),
  "User.functions": ok([`${I}functions.call.test.ts › calls a function as a method of user.functions`]),
  "User.providerType": ok([`${oauth} › gives Apple users no profile metadata`]),
  "User.apiKeys": ok([`${keys} › refuses a duplicate name with APIKeyAlreadyExists`]),
  "User.accessToken": ok([
    `${I}auth.session.test.ts › keeps an older, unexpired access token valid after a refresh`,
  ]),
  "User.refreshToken": ok([
    `${I}auth.session.test.ts › logs out: state logged-out, the refresh token stops working server-side`,
  ]),
  "User.state": ok([`${I}auth.session.test.ts › ends the session when the refresh token itself expires`]),
  "User.isLoggedIn": ok([
    `${I}auth.link.test.ts › rejects a link with a wrong password with a 400 instead of a 401 loop`,
  ]),
  "User.customData": ok([login], ["src/functions/context.ts"]),
  "User.profile": ok([login]),
  "User.identities": ok([login], ["src/providers/anon-user.ts"]),
  "User.deviceId": ok([`${I}auth.login.test.ts › echoes the stored device id on the next login`]),
  "User.refreshProfile": ok([`${I}events.coverage.test.ts › profile refresh: nothing`]),
  "User.logOut": ok([`${I}events.coverage.test.ts › logout: logged-out`]),
  "User.linkCredentials": ok([
    `${I}auth.link.test.ts › links email/password to an anonymous user, keeping its id and listing both identities`,
  ]),
  "User.refreshAccessToken": ok([
    `${I}events.coverage.test.ts › access-token refresh and custom-data refresh: access-token-refreshed with the custom data`,
  ]),
  "User.refreshCustomData": ok([
    `${I}custom-data.workflow.test.ts › reads documents a test wrote with mock.service() at the next refresh`,
  ]),
  "User.addListener": sdkThrows,
  "User.removeListener": sdkThrows,
  "User.removeAllListeners": sdkThrows,
  "User.callFunction": ok([
    `${I}functions.call.test.ts › calls a function with user.callFunction(name, ...args)`,
  ]),
  "User.toJSON": ok([`${clientSide} › serialises a user with toJSON`]),
  "User.push": sdkThrows,
  "User.mongoClient": ok(
    [`${watch} › answers a watch of an unknown service with ServiceNotFound`],
    ["src/services/mongo-services.ts"],
  ),

  "MongoDBRealmError.method": ok([`${I}wire.errors.test.ts › answers a malformed body with 400 BadRequest`]),
  "MongoDBRealmError.url": ok([`${clientSide} › builds a MongoDBRealmError from a refused request`]),
  "MongoDBRealmError.statusCode": ok([`${keys} › refuses a disabled server key`], ["src/errors.ts"]),
  "MongoDBRealmError.statusText": ok(
    [`${I}faults.inject.test.ts › answer 429 TooManyRequests and 503 ServiceUnavailable with Retry-After`],
    ["src/faults/effects.ts"],
  ),
  "MongoDBRealmError.error": ok([`${I}providers.custom-function.test.ts › refuses an empty id`]),
  "MongoDBRealmError.errorCode": ok([
    `${I}functions.errors.test.ts › refuses a client call of a private function with NotCallable`,
  ]),
  "MongoDBRealmError.link": {
    status: "missing",
    missing: "the kit's error replies carry no `link` (always undefined)",
    deviation: "Error replies",
    tests: [`${clientSide} › builds a MongoDBRealmError from a refused request`],
    code: ["src/errors.ts#ErrorBody"],
  },
  "MongoDBRealmError.fromRequestAndResponse": ok([
    `${clientSide} › builds a MongoDBRealmError from a refused request`,
  ]),

  "functions.callFunction": ok([
    `${I}functions.call.test.ts › answers a function returning nothing with null`,
  ]),
  "functions.callFunctionStreaming": {
    status: "missing",
    missing: "answers 501 NotImplemented",
    deviation: "Streaming a user function",
    tests: [
      `${I}functions.errors.test.ts › answers a streaming call of a user function with the mock-only 501`,
    ],
  },
  "functions[name]": ok([`${I}functions.call.test.ts › calls a function as a method of user.functions`]),

  "MongoDB.db": ok([`${watch} › answers a watch of an unknown service with ServiceNotFound`]),
  "MongoDBDatabase.collection": ok([`${watch} › answers a watch of an unknown service with ServiceNotFound`]),
  "MongoDBCollection.find": ok([`${collection} › finds with filter, projection, sort and limit`]),
  "MongoDBCollection.findOne": ok([`${collection} › finds one document or null, and counts with a limit`]),
  "MongoDBCollection.findOneAndUpdate": ok([
    `${collection} › finds one and updates or replaces it, returning the pre- or post-image`,
  ]),
  "MongoDBCollection.findOneAndReplace": ok([
    `${collection} › finds one and updates or replaces it, returning the pre- or post-image`,
  ]),
  "MongoDBCollection.findOneAndDelete": {
    status: "emulated",
    deviation: "`findOneAndDelete`",
    tests: [
      `${collection} › reproduces the real server by default: returns the document and keeps an _id-only document`,
      `${collection} › really deletes with createMockApp({ mongodb: { realFindOneAndDelete: true } })`,
    ],
    code: ["src/mongodb/actions-update.ts"],
  },
  "MongoDBCollection.aggregate": partial("`$lookup` into other collections, `$search`", "Collection rules", [
    `${collection} › aggregates with $group, $push, $sum and $project`,
  ]),
  "MongoDBCollection.count": ok([`${collection} › finds one document or null, and counts with a limit`]),
  "MongoDBCollection.insertOne": ok([
    `${collection} › inserts one and many documents with server-generated ObjectIds or the ids given`,
  ]),
  "MongoDBCollection.insertMany": partial(
    "ordered inserts keeping the documents before a duplicate (all-or-nothing here)",
    "MongoDB engine:",
    [`${collection} › inserts one and many documents with server-generated ObjectIds or the ids given`],
    ["src/mongodb/actions-write.ts"],
  ),
  "MongoDBCollection.deleteOne": ok([`${collection} › deletes one and many`]),
  "MongoDBCollection.deleteMany": ok([`${collection} › deletes one and many`]),
  "MongoDBCollection.updateOne": ok(
    [`${collection} › updates one without upsertedId when nothing was upserted`],
    ["src/mongodb/updates.ts"],
  ),
  "MongoDBCollection.updateMany": ok(
    [`${collection} › updates many, with arrayFilters`],
    ["src/mongodb/updates.ts"],
  ),
  "MongoDBCollection.watch": ok([`${watch} › only sends changes made after the stream opened`]),
  "MongoDBCollection.watch({ ids })": ok([
    `${watch} › serves three concurrent streams: everything, by ids, and by filter`,
  ]),
  "MongoDBCollection.watch({ filter })": ok([
    `${watch} › serves three concurrent streams: everything, by ids, and by filter`,
  ]),
  "FindOneOptions.projection": ok([`${collection} › finds with filter, projection, sort and limit`]),
  "FindOneOptions.sort": ok([`${collection} › finds with filter, projection, sort and limit`]),
  "FindOptions.limit": ok([`${collection} › finds with filter, projection, sort and limit`]),
  "FindOneAndModifyOptions.upsert": ok([
    `${collection} › finds one and updates or replaces it, returning the pre- or post-image`,
  ]),
  "FindOneAndModifyOptions.returnNewDocument": ok([
    `${collection} › finds one and updates or replaces it, returning the pre- or post-image`,
  ]),
  "CountOptions.limit": ok([`${collection} › finds one document or null, and counts with a limit`]),
  "UpdateOptions.upsert": ok([
    `${collection} › upserts from the filter's equality fields and returns upsertedId`,
  ]),
  "UpdateOptions.arrayFilters": ok([`${collection} › updates many, with arrayFilters`]),

  "ChangeEvent.insert": ok(
    [`${watch} › serves three concurrent streams: everything, by ids, and by filter`],
    ["src/mongodb/change-events.ts"],
  ),
  "ChangeEvent.update": partial(
    "dotted paths and array truncations in `updateDescription` (whole top-level fields here)",
    "MongoDB engine:",
    [`${watch} › delivers writes made by the test and by functions, and ends every stream on mock.reset()`],
    ["src/mongodb/change-events.ts"],
  ),
  "ChangeEvent.replace": ok([`${clientSide} › delivers a replace event for findOneAndReplace`]),
  "ChangeEvent.delete": ok([`${watch} › only sends changes made after the stream opened`]),
  "ChangeEvent.drop": { status: "missing", missing: "never produced", deviation: "Change events" },
  "ChangeEvent.rename": { status: "missing", missing: "never produced", deviation: "Change events" },
  "ChangeEvent.dropDatabase": { status: "missing", missing: "never produced", deviation: "Change events" },
  "ChangeEvent.invalidate": { status: "missing", missing: "never produced", deviation: "Change events" },
};

const userpass = "src/operations/email-password.ts";
const keyOps = "src/operations/api-keys.ts";
/** A ✅ route whose tests are those of the realm-web members that send it. */
const sentBy = (via: readonly string[], code?: readonly string[]): RouteClaim => ({ ...ok([], code), via });
const push = partial(
  "push services are not configured: any `:service` is accepted (realm-web cannot send it)",
  "Push:",
  [
    `${I}push.registration.test.ts › registers and deregisters a device, visible through mock.push and the journal`,
  ],
  ["src/operations/push.ts"],
);

export const routeClaims: Readonly<Record<string, RouteClaim>> = {
  "GET /app/:app/location": sentBy(["App.locationUrl", "App.logIn"], ["src/routes/location.ts"]),
  "POST /app/:app/auth/providers/:provider/login": sentBy(
    ["App.logIn", "User.linkCredentials"],
    ["src/operations/login.ts", "src/providers", "src/tokens.ts"],
  ),
  "GET /app/:app/auth/providers/:provider/login": {
    status: "missing",
    missing: "the OAuth 2.0 redirect flow answers 501",
    deviation: "OAuth:",
    tests: [`${oauth} › answers a redirect link with 501 through realm-web`],
    code: ["src/providers/oauth2.ts#redirectNotEmulated"],
  },
  "POST /app/:app/auth/providers/local-userpass/register": sentBy(
    ["EmailPasswordAuth.registerUser"],
    ["src/routes/email-password.ts", `${userpass}#register`],
  ),
  "POST /app/:app/auth/providers/local-userpass/confirm": sentBy(
    ["EmailPasswordAuth.confirmUser"],
    [`${userpass}#confirm`, "src/operations/userpass-tokens.ts"],
  ),
  "POST /app/:app/auth/providers/local-userpass/confirm/send": sentBy(
    ["EmailPasswordAuth.resendConfirmationEmail"],
    [`${userpass}#resendConfirmation`, `${userpass}#requirePending`],
  ),
  "POST /app/:app/auth/providers/local-userpass/confirm/call": sentBy(
    ["EmailPasswordAuth.retryCustomConfirmation"],
    [`${userpass}#retryCustomConfirmation`, `${userpass}#requirePending`],
  ),
  "POST /app/:app/auth/providers/local-userpass/reset": sentBy(
    ["EmailPasswordAuth.resetPassword"],
    ["src/operations/password-reset.ts#resetPassword"],
  ),
  "POST /app/:app/auth/providers/local-userpass/reset/send": sentBy(
    ["EmailPasswordAuth.sendResetPasswordEmail"],
    ["src/operations/password-reset.ts#sendResetEmail"],
  ),
  "POST /app/:app/auth/providers/local-userpass/reset/call": sentBy(
    ["EmailPasswordAuth.callResetPasswordFunction"],
    ["src/operations/password-reset.ts#callResetFunction"],
  ),
  "GET /auth/profile": sentBy(["User.refreshProfile", "App.logIn"]),
  "POST /auth/session": sentBy(["User.refreshAccessToken"], ["src/routes/user-auth.ts"]),
  "DELETE /auth/session": sentBy(["User.logOut"], ["src/operations/session-guard.ts"]),
  "DELETE /auth/delete": sentBy(["App.deleteUser"]),
  "POST /auth/api_keys": {
    ...partial("the 20-key limit", "API keys:", [], [keyOps]),
    via: ["ApiKeyAuth.create"],
  },
  "GET /auth/api_keys": sentBy(["ApiKeyAuth.fetchAll"], [keyOps]),
  "GET /auth/api_keys/:id": sentBy(["ApiKeyAuth.fetch"], [keyOps]),
  "DELETE /auth/api_keys/:id": {
    ...partial("the 403 for deleting the key the session logged in with", "API keys:", [], [keyOps]),
    via: ["ApiKeyAuth.delete"],
  },
  "PUT /auth/api_keys/:id/:action(enable|disable)": sentBy(
    ["ApiKeyAuth.enable", "ApiKeyAuth.disable"],
    [keyOps],
  ),
  "PUT /app/:app/push/providers/:service/registration": push,
  "DELETE /app/:app/push/providers/:service/registration": push,
  "POST /app/:app/functions/call": {
    ...ok([], ["src/functions", "src/mongodb", "src/rules", "src/services/mongo-services.ts"]),
    via: [
      "User.callFunction",
      "functions.callFunction",
      "functions[name]",
      "MongoDBCollection.find",
      "MongoDBCollection.insertOne",
      "MongoDBCollection.updateMany",
    ],
  },
  "GET /app/:app/functions/call": {
    ...partial(
      "streaming calls of user functions answer 501 (`watch` is emulated)",
      "Streaming a user function",
      [`${I}functions.errors.test.ts › answers a streaming call of a user function with the mock-only 501`],
    ),
    code: ["src/routes/functions.ts#functionRoutes", "src/rules/watch-guard.ts"],
    via: ["MongoDBCollection.watch"],
  },
  "POST /app/:app/graphql": partial(
    "subscriptions (not supported)",
    "GraphQL:",
    [
      `${I}graphql.api.test.ts › filters, sorts and limits (the reference's example A)`,
      `${I}graphql.api.test.ts › inserts one document (the reference's example B)`,
    ],
    ["src/graphql"],
  ),
  "GET /app/:app/graphql": {
    status: "missing",
    missing: "answers 405 (no source shows GET support)",
    deviation: "GraphQL:",
    tests: [
      `${I}graphql.api.test.ts › reads variables given as a JSON string, picks operationName, refuses GET and non-JSON bodies`,
    ],
    code: ["src/routes/graphql.ts#graphqlRoutes"],
  },
  "* any other path": {
    status: "missing",
    missing: "answers 501 NotImplemented naming method and path",
    deviation: "Routes the kit does not serve",
    tests: [
      `${I}wire.errors.test.ts › answers a client API route the kit does not emulate with 501 naming method and path`,
    ],
    code: ["src/pipeline/pipeline.ts#answer"],
  },
};
