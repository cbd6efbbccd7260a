import { describe, expect, it } from "vitest";
import { classifyRequest } from "../../../src/faults/classify.js";
import type { RouteContext } from "../../../src/pipeline/types.js";

const PREFIX = "https://x.test/api/client/v2.0";
/** base64url-free JWT with the given payload (the classifier does not verify). */
const jwt = (payload: object) =>
  `${btoa(JSON.stringify({ alg: "HS256" }))}.${btoa(JSON.stringify(payload)).replace(/=+$/, "")}.sig`;

function context(method: string, path: string, body: unknown = null, token?: string): RouteContext {
  const url = new URL(PREFIX + path);
  const request = new Request(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return {
    request,
    url,
    path: url.pathname.slice("/api/client/v2.0".length),
    params: {},
    bodyText: body === null ? null : JSON.stringify(body),
  } as unknown as RouteContext;
}

const group = (method: string, path: string, body?: unknown) =>
  classifyRequest(context(method, path, body))?.group;

describe("classifyRequest", () => {
  it("names the route group of every client route", () => {
    expect(group("GET", "/app/a/location")).toBe("location");
    expect(group("POST", "/app/a/auth/providers/anon-user/login")).toBe("login");
    expect(group("POST", "/app/a/auth/providers/local-userpass/login")).toBe("login");
    expect(group("POST", "/app/a/auth/providers/local-userpass/register")).toBe("email-password");
    expect(group("POST", "/app/a/auth/providers/local-userpass/reset/call")).toBe("email-password");
    expect(group("GET", "/auth/profile")).toBe("profile");
    expect(group("POST", "/auth/session")).toBe("session");
    expect(group("DELETE", "/auth/delete")).toBe("session");
    expect(group("GET", "/auth/api_keys")).toBe("api-keys");
    expect(group("PUT", "/auth/api_keys/k1/disable")).toBe("api-keys");
    expect(group("PUT", "/app/a/push/providers/gcm/registration")).toBe("push");
    expect(group("POST", "/app/a/graphql")).toBe("graphql");
    expect(group("GET", "/app/a/nothing")).toBeUndefined();
  });

  it("tells functions, MongoDB actions and watches apart from the body or baas_request", () => {
    const call = classifyRequest(
      context("POST", "/app/a/functions/call", { name: "checkout", arguments: [1] }),
    );
    expect(call).toMatchObject({ group: "functions", functionName: "checkout", namespace: undefined });
    const action = classifyRequest(
      context("POST", "/app/a/functions/call", {
        name: "insertOne",
        service: "mongodb-atlas",
        arguments: [{ database: "shop", collection: "orders", document: {} }],
      }),
    );
    expect(action).toMatchObject({ group: "mongodb", functionName: "insertOne", namespace: "shop.orders" });
    const watch = btoa(
      JSON.stringify({
        name: "watch",
        service: "mongodb-atlas",
        arguments: [{ database: "d", collection: "c" }],
      }),
    );
    expect(classifyRequest(context("GET", `/app/a/functions/call?baas_request=${watch}`))).toMatchObject({
      group: "watch",
      functionName: "watch",
      namespace: "d.c",
    });
    expect(group("POST", "/app/a/functions/call", "not json {")).toBe("functions");
    expect(group("GET", "/app/a/functions/call?baas_request=%%%")).toBe("functions");
  });

  it("reads the user and session of the bearer token, and nothing from a malformed one", () => {
    const facts = classifyRequest(context("GET", "/auth/profile", null, jwt({ sub: "u1", baas_id: "s1" })));
    expect(facts).toMatchObject({ userId: "u1", sessionId: "s1" });
    const bad = classifyRequest(context("GET", "/auth/profile", null, "garbage"));
    expect(bad).toMatchObject({ userId: undefined, sessionId: undefined });
  });
});
