// Type-level tests of the public API, checked by `tsc --noEmit` (npm run typecheck); no runtime part.
import type * as Realm from "realm-web";
import { expectTypeOf } from "vitest";
import type { Fixtures } from "../../fixtures/index.js";
import type {
  AppServicesError,
  ErrorCode,
  FunctionContext,
  MockApp,
  MockEventOf,
  MockEventType,
  ProviderType,
  SeedUser,
} from "../../src/index.js";
import type { createRealmApp } from "../../src/vitest/index.js";

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

// The matchers are typed on Vitest's expect.
declare const assertion: import("vitest").Assertion<MockApp>;
expectTypeOf(assertion.toHaveLoggedIn).parameter(0).toEqualTypeOf<string | { id: string }>();
