// Type-level tests of the matcher signatures (Vitest and Jest), the clock and the opaque snapshot; checked by
// `tsc --noEmit` under Vitest 4 and 5 alike (CI's second stage), never run.
import { expect as jestExpect } from "@jest/globals";
import { expect, expectTypeOf } from "vitest";
import type {
  Clock,
  Logger,
  ManualClock,
  MockApp,
  MockEvent,
  ProviderType,
  Snapshot,
  UserListener,
} from "../../src/index.js";
import { createManualClock, createMockApp } from "../../src/index.js";
import type {} from "../../src/jest/index.js";
import type {} from "../../src/vitest/index.js";

declare const mock: MockApp;

// toHaveEmitted takes the partial event of that type: a misspelt or foreign field is an error.
expect(mock).toHaveEmitted("logged-in", { userId: "u", provider: "anon-user" });
expect(mock).toHaveEmitted("function-called", { name: "sum", arguments: [1, 2] });
expect(mock).not.toHaveEmitted("access-token-refreshed", { customData: expect.objectContaining({ a: 1 }) });
// @ts-expect-error: `usrId` is not a field of "logged-in" events
expect(mock).toHaveEmitted("logged-in", { usrId: "u" });
// @ts-expect-error: "logged-in" events have no `name`
expect(mock).toHaveEmitted("logged-in", { name: "sum" });
// @ts-expect-error: not an event type
expect(mock).toHaveEmitted("logged-on");
// @ts-expect-error: a provider is a ProviderType
expect(mock).toHaveEmitted("logged-in", { provider: "google" });

// toHaveLoggedIn takes the provider-type union.
expect(mock).toHaveLoggedIn("65a000000000000000000001", "local-userpass");
expectTypeOf<Parameters<ReturnType<typeof expect<MockApp>>["toHaveLoggedIn"]>[1]>().toEqualTypeOf<
  ProviderType | undefined
>();
// @ts-expect-error: "local-user-pass" is not a provider type
expect(mock).toHaveLoggedIn("65a000000000000000000001", "local-user-pass");

// The same signatures on Jest's expect.
jestExpect(mock).toHaveEmitted("logged-out", { userId: "u" });
jestExpect(mock).toHaveLoggedIn({ id: "u" }, "anon-user");
jestExpect(mock).toHaveCalledFunction("sum", [1, 2]);
// @ts-expect-error: `usrId` is not a field of "logged-out" events
jestExpect(mock).toHaveEmitted("logged-out", { usrId: "u" });
// @ts-expect-error: not a provider type
jestExpect(mock).toHaveLoggedIn("u", "password");

// The default clock advances without a cast; a given clock keeps its own type.
const byDefault = createMockApp();
byDefault.clock.advance(1000);
expectTypeOf(byDefault.clock).toEqualTypeOf<ManualClock>();
expectTypeOf(createMockApp({ users: [] }).clock).toEqualTypeOf<ManualClock>();
const manual = createMockApp({ clock: createManualClock(0) });
manual.clock.set(5);
declare const plain: Clock;
const onPlain = createMockApp({ clock: plain });
// @ts-expect-error: a plain Clock cannot be advanced
onPlain.clock.advance(1);
// Every app is a MockApp, whatever its clock.
expectTypeOf(onPlain).toMatchTypeOf<MockApp>();
expectTypeOf(byDefault).toMatchTypeOf<MockApp>();

// Snapshots are opaque: nothing inside is reachable, and a look-alike object is not one.
const snapshot = byDefault.snapshot();
// @ts-expect-error: the state inside a snapshot is not part of the API
snapshot.state;
// @ts-expect-error: a plain object is not a Snapshot
byDefault.restore({ state: {}, idCounter: 0 });
expectTypeOf(snapshot).toEqualTypeOf<Snapshot>();

// Logger and UserListener are exported.
const quiet: Logger = { warn: () => {} };
createMockApp({ logger: quiet });
const listener: UserListener = (event) => expectTypeOf(event).toEqualTypeOf<MockEvent>();
mock.users.addListener("u", listener);
