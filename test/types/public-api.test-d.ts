// Type-level tests of the public API, checked by `tsc --noEmit` (npm run typecheck); no runtime part.
import type * as Realm from "realm-web";
import { expectTypeOf } from "vitest";
import type { Fixtures } from "../../fixtures/index.js";
import type {
  AppServicesError,
  ErrorCode,
  FaultSpecJson,
  FunctionContext,
  MockApp,
  MockEventOf,
  MockEventType,
  ProviderType,
  RouteGroup,
  SeedUser,
} from "../../src/index.js";
import type { createMockTest, createRealmApp } from "../../src/vitest/index.js";

declare const mock: MockApp;
declare const RealmApp: typeof Realm.App;
declare const realmAppOf: typeof createRealmApp;
declare const fixtures: Fixtures;

// createRealmApp returns realm-web's own App type.
expectTypeOf(realmAppOf(RealmApp, mock)).toEqualTypeOf<Realm.App>();

// Filtering the journal by type narrows the events.
const logins = mock.events.list({ type: "logged-in" });
expectTypeOf(logins).toEqualTypeOf<MockEventOf<"logged-in">[]>();
expectTypeOf(logins[0]!.provider).toEqualTypeOf<ProviderType>();
mock.events.on("function-called", (event) => {
  expectTypeOf(event.name).toEqualTypeOf<string>();
  expectTypeOf(event.outcome.ok).toEqualTypeOf<boolean>();
});
mock.events.on("graphql-executed", (event) => {
  expectTypeOf(event.operationName).toEqualTypeOf<string | null>();
  expectTypeOf(event.operationType).toEqualTypeOf<"query" | "mutation" | "subscription" | null>();
  expectTypeOf(event.errors).toEqualTypeOf<readonly string[]>();
});
// @ts-expect-error: not an event type
mock.events.list({ type: "logged-on" });
expectTypeOf<"user-created">().toMatchTypeOf<MockEventType>();

// Error codes are a closed union, and the error class carries one.
expectTypeOf<"InvalidSession">().toMatchTypeOf<ErrorCode>();
expectTypeOf<AppServicesError["code"]>().toEqualTypeOf<ErrorCode>();

// Functions see the documented context.user shape.
expectTypeOf<FunctionContext["user"]["identities"][number]>().toHaveProperty("provider_type");
expectTypeOf<FunctionContext["user"]>().toHaveProperty("custom_data");

// Fixture builders return seed users with the fields they promise.
expectTypeOf(fixtures.buildUser().email).toEqualTypeOf<string>();
expectTypeOf(fixtures.buildUser()).toMatchTypeOf<SeedUser>();

// The matchers are typed on Vitest's expect (`Assertion<T>` in Vitest 4, `Assertion<R, T>` in 5: use neither).
declare const assertion: ReturnType<typeof import("vitest").expect<MockApp>>;
expectTypeOf(assertion.toHaveLoggedIn).parameter(0).toEqualTypeOf<string | { id: string }>();

// The concurrent-test fixture hands each test its own MockApp, and takes the same options as createMockApp.
declare const mockTestOf: typeof createMockTest;
mockTestOf({ id: "typed" })("typed fixture", ({ mock: own }) => {
  expectTypeOf(own).toEqualTypeOf<MockApp>();
});
// @ts-expect-error: not an option of createMockApp
mockTestOf({ nope: true });
// Faults: the spec is checked at the type level too; a JSON command's fault cannot carry a predicate.
mock.faults.inject({
  route: "functions",
  functionName: "checkout",
  effect: { kind: "error", code: "FunctionNotFound" },
});
mock.faults.inject({
  route: ["mongodb", "watch"],
  times: "always",
  probability: 0.5,
  effect: { kind: "network-error" },
});
// @ts-expect-error: not a route group
mock.faults.inject({ route: "graphq", effect: { kind: "network-error" } });
// @ts-expect-error: not an error code of the catalogue
mock.faults.inject({ route: "functions", effect: { kind: "error", code: "Boom" } });
// @ts-expect-error: a delay needs its duration
mock.faults.inject({ route: "functions", effect: { kind: "delay" } });
expectTypeOf<FaultSpecJson>().not.toHaveProperty("when");
expectTypeOf(mock.events.list({ type: "fault-injected" })[0]!.route).toEqualTypeOf<RouteGroup>();
expectTypeOf(mock.time.expireAccessTokens).toEqualTypeOf<(userId?: string) => number>();
// The ./node entry: loadAppConfig resolves to createMockApp options; its settings are checked.
declare const loadApp: typeof import("../../src/node/index.js").loadAppConfig;
expectTypeOf(loadApp("./backend")).resolves.toEqualTypeOf<import("../../src/index.js").MockAppOptions>();
expectTypeOf(loadApp)
  .parameter(1)
  .toEqualTypeOf<import("../../src/node/index.js").LoadAppConfigOptions | undefined>();
// @ts-expect-error secrets are strings
void loadApp("./backend", { secrets: { key: 1 } });
// A function context exposes system rights and the environment.
declare const context: FunctionContext;
expectTypeOf(context.runningAsSystem()).toEqualTypeOf<boolean>();
expectTypeOf(context.environment.tag).toEqualTypeOf<string>();
