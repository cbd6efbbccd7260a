import { expect, it } from "vitest";
import { createManualClock, createMockApp } from "../../../src/index.js";

it("gives back the ids a refused mock.users.create drew, so the next user gets the same id", () => {
  // A clock that stands still: ids start with the current second, which the wall clock may cross mid-test.
  const mock = createMockApp({
    clock: createManualClock(Date.UTC(2026, 0, 1)),
    users: [{ id: "65f000000000000000000001", identities: [{ provider: "custom-token", sub: "taken" }] }],
  });
  const before = mock.snapshot();
  // Draws ids (user id, anonymous identity, account identity) before meeting the identity another user has.
  const refused = { anonymous: true, email: "x@example.com", password: "password1" };
  expect(() =>
    mock.users.create({ ...refused, identities: [{ provider: "custom-token", sub: "taken" }] }),
  ).toThrow(/repeats an identity another user has/);
  expect(mock.snapshot()).toEqual(before);
  const created = mock.users.create(refused);
  mock.reset();
  expect(mock.users.create(refused).id).toBe(created.id);
});
