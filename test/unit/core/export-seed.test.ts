import { expect, it } from "vitest";
import { createMockApp } from "../../../src/index.js";
import { exportSeed } from "../../../src/state/export.js";
import { statePoint } from "../../support/state-point.js";

const users = [
  {
    id: "65f000000000000000000001",
    email: "ada@example.com",
    password: "password1",
    data: { name: "Ada" },
    identities: [{ provider: "custom-token" as const, sub: "jwt-1", data: { team: "blue" } }],
  },
  { id: "65f000000000000000000002", anonymous: true, disabled: true },
  {
    id: "65f000000000000000000003",
    type: "server" as const,
    apiKeys: [{ id: "65f0000000000000000000aa", name: "k", key: "s3cret" }],
  },
];

it("exports users, identities, passwords, API keys and collections that seed an equal app", () => {
  const source = createMockApp({
    users,
    customUserData: { database: "app", collection: "users", userIdField: "userId" },
    data: {
      "mongodb-atlas": {
        app: Object.fromEntries([
          ["todos", [{ _id: 1, text: "a" }]],
          ["__proto__", [{ _id: 2 }]], // a collection name, never a prototype
        ]),
      },
    },
  });
  source.users.create({
    id: "65f000000000000000000004",
    email: "new@example.com",
    password: "password4",
    customData: { plan: "pro" },
  });
  const exported = exportSeed(statePoint(source).state);
  const copy = createMockApp({
    users: exported.users,
    data: exported.data,
    customUserData: { database: "app", collection: "users", userIdField: "userId" },
  });
  const view = (app: typeof copy) =>
    app.users.list().map(({ createdAt: _createdAt, identities, ...rest }) => ({
      ...rest,
      identities: identities.map((i) => i.providerType),
    }));
  expect(view(copy)).toEqual(view(source));
  expect(copy.users.get("65f000000000000000000004")?.customData).toMatchObject({ plan: "pro" });
  expect(Object.keys(exported.data["mongodb-atlas"]?.app ?? {})).toContain("__proto__");
  expect(exported.users[0]).toMatchObject({
    identities: [
      { provider: "local-userpass", email: "ada@example.com", password: "password1" },
      { provider: "custom-token", sub: "jwt-1", data: { team: "blue" } },
    ],
  });
  expect(exported.users[2]).toMatchObject({ type: "server", apiKeys: [{ name: "k", key: "s3cret" }] });
});
