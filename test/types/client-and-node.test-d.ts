// Type-level tests of the ./client and ./node entries and of useRealmApp; checked by `tsc --noEmit`.
import type * as Realm from "realm-web";
import { expectTypeOf } from "vitest";
import type { ControlClient, MockEventOf, MockUser, OutboxMessage } from "../../src/client/index.js";
import type { MockHttpServer, startMockServer } from "../../src/node/index.js";
import type { useRealmApp } from "../../src/vitest/index.js";

declare const client: ControlClient;
declare const start: typeof startMockServer;
declare const useApp: typeof useRealmApp;
declare const realmApp: Realm.App;

// The control client answers what the in-process handles answer.
expectTypeOf(client.users.list()).resolves.toEqualTypeOf<MockUser[]>();
expectTypeOf(client.outbox.list({ kind: "reset" })).resolves.toEqualTypeOf<OutboxMessage[]>();
expectTypeOf(client.events.list({ type: "logged-in" })).resolves.toEqualTypeOf<MockEventOf<"logged-in">[]>();
expectTypeOf(client.snapshot()).resolves.toBeString();
expectTypeOf(client.clock.advance).parameter(0).toBeNumber();
// @ts-expect-error: an unknown event type does not compile
client.events.list({ type: "logged-on" });
// @ts-expect-error: outbox kinds are "confirmation" and "reset"
client.outbox.list({ kind: "spam" });

expectTypeOf(start).returns.resolves.toEqualTypeOf<MockHttpServer>();
// A realm-web App is accepted as it is.
useApp(realmApp);
