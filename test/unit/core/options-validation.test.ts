import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp, type MockAppOptions } from "../../../src/index.js";

/** The message createMockApp throws for options a plain JavaScript caller could pass. */
function problems(options: unknown): string {
  try {
    createMockApp(options as MockAppOptions);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("createMockApp accepted the options");
}

describe("createMockApp checks every option at runtime", () => {
  it.each([
    [{ users: [42] }, "users[0] must be a seed user object (got 42)"],
    [{ users: "x" }, 'users must be an array of seed users (got "x")'],
    [{ users: [{ email: 1 }] }, "users[0].email must be a string (got 1)"],
    [{ users: [{ id: "nope" }] }, "users[0].id must be 24 lowercase hex digits"],
    [
      { users: [{ identities: [{ provider: "github" }] }] },
      "users[0].identities[0].provider must name a provider",
    ],
    [{ customUserData: { database: "app" } }, "customUserData.collection is missing"],
    [{ customUserData: { database: "app" } }, "customUserData.userIdField is missing"],
    [
      { providers: { "oauth2-github": true } },
      'providers["oauth2-github"] is not a provider (known: anon-user',
    ],
    [{ providers: { "custom-token": {} } }, 'providers["custom-token"].signingKeys is missing'],
    [
      { providers: { "custom-token": { signingKeys: "k" } } },
      'providers["custom-token"].signingKeys must be an array of 1 to 3 keys',
    ],
    [
      { providers: { "local-userpass": { autoConfirm: "yes" } } },
      'providers["local-userpass"].autoConfirm must be true or false',
    ],
    [{ providers: { "anon-user": { extra: 1 } } }, 'providers["anon-user"].extra is not a known option'],
    [
      { data: { "mongodb-atlas": [] } },
      'data["mongodb-atlas"] must be { [database]: { [collection]: documents[] } }',
    ],
    [
      { data: { "mongodb-atlas": { app: { todos: [1] } } } },
      'data["mongodb-atlas"].app.todos[0] must be a document',
    ],
    [
      { data: { "mongodb-atlas": { app: { todos: {} } } } },
      'data["mongodb-atlas"].app.todos must be an array of documents',
    ],
    [
      { functions: { f: 1 } },
      "functions.f must be a function or { handler, private?, runAsSystem?, canEvaluate? } (got 1)",
    ],
    [{ functions: { f: { handler: "x" } } }, "functions.f.handler must be a function"],
    [{ clock: {} }, "clock.now is missing"],
    [{ clock: { now: 5 } }, "clock.now must be a function returning epoch milliseconds"],
    [{ functionTimeoutMs: "5" }, 'functionTimeoutMs must be a number of milliseconds ≥ 1 (got "5")'],
    [{ functionTimeoutMs: Number.NaN }, "functionTimeoutMs must be a number of milliseconds ≥ 1"],
    [{ services: "mongodb-atlas" }, "services must be an array of service names"],
    [{ services: [1] }, "services[0] must be a string"],
    [{ values: 3 }, "values must be an object of values (got 3)"],
    [
      { tokens: { accessTokenTtlSeconds: "60" } },
      'tokens.accessTokenTtlSeconds must be a number of seconds (got "60")',
    ],
    [{ id: "a/b" }, "id must be a non-empty app id"],
    [{ baseUrl: "localhost" }, "baseUrl must be an absolute URL"],
    [{ logger: {} }, "logger.warn is missing"],
    [{ rules: [] }, "rules must be { [service]: rules } (got Array)"],
    [{ rules: { "mongodb-atlas": 1 } }, 'rules["mongodb-atlas"] must be a data source\'s rules'],
    [{ schemas: {} }, "schemas must be an array of collection schemas"],
    [{ graphql: 1 }, "graphql must be an object of GraphQL settings"],
    [{ user: [] }, "user is not a known option"],
    ["x", "(options) must be an object"],
  ])("%j → %s", (options, expected) => {
    const message = problems(options);
    expect(message).toContain("[app-services-mock] Invalid createMockApp options:");
    expect(message).toContain(expected);
  });

  it("lists every problem at once, one line each, by path", () => {
    const message = problems({
      users: [42],
      services: "x",
      functionTimeoutMs: "5",
      providers: { nope: true },
    });
    expect(message.split("\n").slice(1)).toEqual([
      "  - users[0] must be a seed user object (got 42)",
      expect.stringMatching(/^ {2}- providers\.nope is not a provider \(known: /),
      '  - functionTimeoutMs must be a number of milliseconds ≥ 1 (got "5")',
      '  - services must be an array of service names (got "x")',
    ]);
  });

  it("accepts every documented shape", () => {
    const mock = createMockApp({
      id: "valid-options",
      baseUrl: "http://localhost:9999",
      users: [
        { id: "65a0000000000000000000e1", email: "a@example.com", password: "password1", data: { n: 1 } },
        {
          anonymous: true,
          identities: [{ provider: "custom-token", sub: "s", data: {} }],
          apiKeys: [{ name: "k", key: "secret" }],
        },
      ],
      data: { "mongodb-atlas": { app: { todos: [{ title: "a" }] } } },
      clock: createManualClock(0),
      tokens: { accessTokenTtlSeconds: 60 },
      customUserData: { database: "app", collection: "profiles", userIdField: "userId" },
      providers: {
        "anon-user": true,
        "local-userpass": { autoConfirm: true },
        "custom-token": { signingKeys: ["secret"], audience: ["a", "b"], metadataFields: [{ name: "name" }] },
        "custom-function": { authFunction: () => "id" },
        "oauth2-google": { metadataFields: [{ name: "email", required: true }] },
        "api-key": false,
      },
      functions: { f: () => 1, g: { handler: () => 2, private: true } },
      values: { v: [1] },
      functionTimeoutMs: 500,
      services: ["mongodb-atlas", "other"],
      mongodb: { realFindOneAndDelete: true },
      rules: {},
      schemas: [],
      graphql: {},
    });
    expect(mock.users.list()).toHaveLength(2);
    mock.close();
  });
});

describe("clock and snapshot arguments are checked", () => {
  it("refuses clock.advance and clock.set with anything but a finite number", () => {
    const mock = createMockApp({ id: "clock-args" });
    const clock = mock.clock as ReturnType<typeof createManualClock>;
    expect(() => clock.advance("5" as unknown as number)).toThrow(
      "[app-services-mock] clock.advance(ms) takes a finite number of milliseconds, got string 5.",
    );
    expect(() => clock.set(Number.NaN)).toThrow(/clock\.set\(epochMs\) takes a finite number/);
    const manual = createManualClock(1000);
    expect(() => manual.advance(undefined as unknown as number)).toThrow(/clock\.advance/);
    expect(manual.now()).toBe(1000);
    expect(() => createManualClock("yesterday" as unknown as number)).toThrow(/createManualClock\(start\)/);
    mock.close();
  });

  it("refuses restore() of anything but this mock's own snapshot, and changes nothing", () => {
    const mock = createMockApp({
      id: "restore-args",
      users: [{ email: "a@example.com", password: "password1" }],
    });
    const other = createMockApp({ id: "restore-other" });
    mock.users.create({ email: "b@example.com", password: "password2" });
    for (const value of [{}, null, other.snapshot()]) {
      expect(() => mock.restore(value as never)).toThrow(
        /mock\.restore\(snapshot\) takes a value this mock app's snapshot\(\) returned/,
      );
    }
    expect(mock.users.list()).toHaveLength(2);
    const snapshot = mock.snapshot();
    mock.reset();
    mock.restore(snapshot);
    expect(mock.users.list()).toHaveLength(2);
    mock.close();
    other.close();
  });
});
