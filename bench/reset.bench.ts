// Reset cost against seed size: reset() swaps in the seed state, so it must not grow with the data.
// Run: npm run bench -- bench/reset.bench.ts
import { bench, describe } from "vitest";
import { createMockApp, type MockApp, type SeedUser } from "../src/index.js";

function seededApp(users: number, docs: number): MockApp {
  const seedUsers: SeedUser[] = Array.from({ length: users }, (_, i) => ({
    email: `user${i}@example.com`,
    password: "password",
    customData: { n: i },
  }));
  const items = Array.from({ length: docs }, (_, i) => ({ n: i, text: `item ${i}`, done: i % 2 === 0 }));
  return createMockApp({
    id: `bench-${users}-${docs}`,
    users: seedUsers,
    data: { "mongodb-atlas": { app: { items } } },
    customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
  });
}

const small = seededApp(10, 100);
const large = seededApp(10_000, 100_000);

const firstUser = (mock: MockApp) => mock.users.findByEmail("user0@example.com")?.id ?? "";
const smallFirst = firstUser(small);
const largeFirst = firstUser(large);

/** A few changes of each kind of state: a new user, a revoked session, an event. */
function dirty(mock: MockApp, first: string, n: number): void {
  mock.users.create({ email: `new${n}@example.com`, password: "password" });
  mock.users.revokeSessions(first);
}

describe("reset() after a few changes", () => {
  let i = 0;
  bench("10 users / 100 documents", () => {
    dirty(small, smallFirst, i++);
    small.reset();
  });
  bench("10,000 users / 100,000 documents", () => {
    dirty(large, largeFirst, i++);
    large.reset();
  });
});

describe("snapshot() + restore()", () => {
  bench("10,000 users / 100,000 documents", () => {
    const snapshot = large.snapshot();
    large.users.revokeSessions(largeFirst);
    large.restore(snapshot);
  });
});
