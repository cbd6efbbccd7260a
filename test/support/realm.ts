import * as Realm from "realm-web";
import { afterEach, beforeEach, expect } from "vitest";
import type { MockApp } from "../../src/index.js";
import { server } from "./msw-server.js";
import { statePoint } from "./state-point.js";

/** Serves the mock for each test of the file, then resets it, the handlers and realm-web's storage. */
export function serve(...mocks: MockApp[]): void {
  beforeEach(() => {
    server.use(...mocks.flatMap((m) => m.handlers));
  });
  afterEach(() => {
    server.resetHandlers();
    for (const mock of mocks) mock.reset();
    Realm.getEnvironment().defaultStorage.clear();
  });
}

/** A fresh realm-web App bound to a mock app. */
export function realmApp(mock: MockApp): Realm.App {
  return new Realm.App({ id: mock.id, baseUrl: mock.baseUrl });
}

/** The decoded payload of a JWT (no verification). */
export function jwtPayload(token: string | null): Record<string, unknown> {
  if (!token) throw new Error("no token");
  const part = token.split(".")[1];
  if (!part) throw new Error("not a JWT");
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Awaits a promise that must reject with a MongoDBRealmError and returns that error. */
export async function realmFailure(promise: Promise<unknown>): Promise<Realm.MongoDBRealmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Realm.MongoDBRealmError) return error;
    throw error;
  }
  throw new Error("expected the promise to reject with a MongoDBRealmError, but it resolved");
}

/**
 * Awaits a request realm-web must see refused with 400 MongoDBError matching `reason`, and checks that the refusal
 * changed nothing: the same collections value and the same position in the id sequence.
 */
export async function expectMongoRefusal(
  mock: MockApp,
  promise: Promise<unknown>,
  reason: RegExp,
): Promise<void> {
  const before = statePoint(mock);
  const error = await realmFailure(promise);
  expect.soft(error.statusCode).toBe(400);
  expect.soft(error.errorCode).toBe("MongoDBError");
  expect.soft(error.message).toMatch(reason);
  expect(statePoint(mock).state.collections).toBe(before.state.collections);
  expect(statePoint(mock).idCounter).toBe(before.idCounter);
}
