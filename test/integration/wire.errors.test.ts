import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createManualClock, createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { serve } from "../support/realm.js";

const clock = createManualClock(Date.UTC(2026, 0, 1));
const mock = createMockApp({
  id: "wire-app",
  clock,
  users: [{ email: "ada@example.com", password: "password1" }],
});
const other = createMockApp({ id: "other-app", baseUrl: "http://localhost:9999" });
serve(mock, other);

const api = `${mock.baseUrl}/api/client/v2.0`;
const loginUrl = `${api}/app/wire-app/auth/providers/local-userpass/login`;

async function login(): Promise<{ access_token: string; refresh_token: string; user_id: string }> {
  const reply = await fetch(loginUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "ada@example.com", password: "password1", options: { device: {} } }),
  });
  expect(reply.status).toBe(200);
  return (await reply.json()) as { access_token: string; refresh_token: string; user_id: string };
}

const profile = (token: string) =>
  fetch(`${api}/auth/profile`, { headers: { authorization: `Bearer ${token}` } });
const session = (method: "POST" | "DELETE", token: string) =>
  fetch(`${api}/auth/session`, { method, headers: { authorization: `Bearer ${token}` } });

describe("location", () => {
  it("answers with the origin of the request as hostname", async () => {
    const reply = await fetch(`${api}/app/wire-app/location`);
    expect(reply.headers.get("content-type")).toBe("application/json");
    expect(await reply.json()).toEqual({
      deployment_model: "GLOBAL",
      location: "US-VA",
      hostname: "https://services.cloud.mongodb.com",
      ws_hostname: "wss://services.cloud.mongodb.com",
    });
  });

  it("serves a second app on another origin from the same server", async () => {
    const reply = await fetch("http://localhost:9999/api/client/v2.0/app/other-app/location");
    expect(((await reply.json()) as { hostname: string }).hostname).toBe("http://localhost:9999");
  });

  it("answers an unknown app id with 404: the real message, then the kit's hint", async () => {
    const reply = await fetch(`${api}/app/nope-app/location`);
    expect(reply.status).toBe(404);
    const body = (await reply.json()) as { error: string; error_code: string };
    expect(body.error_code).toBe("AppNotFound");
    expect(body.error).toMatch(/^cannot find app using Client App ID 'nope-app' \(app-services-mock: /);
    expect(body.error).toContain("served: 'wire-app', 'other-app'");
  });
});

describe("login replies", () => {
  it("returns tokens, the user id and a 24-hex device id, and echoes a sent device id", async () => {
    const reply = await fetch(loginUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        username: "ada@example.com",
        password: "password1",
        options: { device: { deviceId: { $oid: "65a0000000000000000000ff" } } },
      }),
    });
    const body = (await reply.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(["access_token", "device_id", "refresh_token", "user_id"]);
    expect(body.device_id).toBe("65a0000000000000000000ff");
  });

  it("answers a malformed body with 400 BadRequest", async () => {
    const reply = await fetch(loginUrl, { method: "POST", body: "{not json" });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { error_code: string }).error_code).toBe("BadRequest");
  });

  it("answers a body that is not an object with 400", async () => {
    const reply = await fetch(loginUrl, { method: "POST", body: "[1,2]" });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({
      error: "request body must be a JSON object",
      error_code: "BadRequest",
    });
  });

  it("answers an unknown provider with 404", async () => {
    const reply = await fetch(`${api}/app/wire-app/auth/providers/oauth2-github/login`, {
      method: "POST",
      body: "{}",
    });
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error_code: string }).error_code).toBe("AuthProviderNotFound");
  });
});

describe("tokens", () => {
  it("accepts its own access token", async () => {
    const { access_token } = await login();
    expect((await profile(access_token)).status).toBe(200);
  });

  it("answers an expired access token with 401 InvalidSession", async () => {
    const { access_token } = await login();
    clock.advance(30 * 60 * 1000 + 1000);
    const reply = await profile(access_token);
    expect(reply.status).toBe(401);
    expect(await reply.json()).toEqual({
      error: "invalid session: access token expired",
      error_code: "InvalidSession",
    });
  });

  it("answers a forged token (wrong signing key) with 401 InvalidSession", async () => {
    const { user_id } = await login();
    const forged = await new SignJWT({ sub: user_id, typ: "access", baas_id: "x" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuedAt(Math.floor(clock.now() / 1000))
      .setExpirationTime(Math.floor(clock.now() / 1000) + 600)
      .sign(new TextEncoder().encode("not the app's secret"));
    const reply = await profile(forged);
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error_code: string }).error_code).toBe("InvalidSession");
  });

  it("answers Bearer null and a missing header with 401 InvalidSession", async () => {
    const reply = await profile("null");
    expect(await reply.json()).toEqual({
      error: "invalid session: token contains an invalid number of segments",
      error_code: "InvalidSession",
    });
    const bare = await fetch(`${api}/auth/profile`);
    expect(bare.status).toBe(401);
  });

  it("refuses a refresh token where an access token is expected, and the reverse", async () => {
    const { access_token, refresh_token } = await login();
    expect((await profile(refresh_token)).status).toBe(401);
    expect((await session("POST", access_token)).status).toBe(401);
  });

  it("refreshes with 201 and a new access token", async () => {
    const { refresh_token } = await login();
    const reply = await session("POST", refresh_token);
    expect(reply.status).toBe(201);
    expect(Object.keys((await reply.json()) as object)).toEqual(["access_token"]);
  });

  it("routes a user-scoped request to the mock that minted the token, whatever the origin", async () => {
    const { access_token } = await login();
    const reply = await fetch("http://localhost:9999/api/client/v2.0/auth/profile", {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(reply.status).toBe(200);
    expect(((await reply.json()) as { data: { email: string } }).data.email).toBe("ada@example.com");
  });

  it("stops serving a closed mock: its app id is unknown and its tokens are refused by the others", async () => {
    const closing = createMockApp({
      id: "closing-app",
      users: [{ email: "c@example.com", password: "password9" }],
    });
    server.use(...closing.handlers);
    const reply = await fetch(`${api}/app/closing-app/auth/providers/local-userpass/login`, {
      method: "POST",
      body: JSON.stringify({ username: "c@example.com", password: "password9" }),
    });
    const { access_token } = (await reply.json()) as { access_token: string };
    closing.close();
    expect((await fetch(`${api}/app/closing-app/location`)).status).toBe(404);
    const refused = await profile(access_token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error_code: string }).error_code).toBe("InvalidSession");
  });
});

describe("gaps and empty replies", () => {
  it("answers a client API route the kit does not emulate with 501 naming method and path", async () => {
    const reply = await fetch(`${api}/app/wire-app/sync/config`, { method: "GET" });
    expect(reply.status).toBe(501);
    expect(await reply.json()).toEqual({
      error: "GET /api/client/v2.0/app/wire-app/sync/config is not emulated by app-services-mock",
      error_code: "NotImplemented",
    });
  });

  it("answers logout with 204 and no content-type", async () => {
    const { refresh_token } = await login();
    const reply = await session("DELETE", refresh_token);
    expect(reply.status).toBe(204);
    expect(reply.headers.get("content-type")).toBeNull();
  });
});

describe("watch request parameter", () => {
  const watchUrl = (param: string) =>
    `${api}/app/wire-app/functions/call?baas_request=${encodeURIComponent(param)}`;
  // A service the app does not have: the 404 names it, which shows what the parameter decoded to, and no stream is
  // opened (a stream answers its headers only once it has something to send under msw 3).
  const call = (service: string) =>
    JSON.stringify({ name: "watch", arguments: [{ database: "db", collection: "c" }], service });
  const open = async (param: string) => {
    const { access_token } = await login();
    const reply = await fetch(watchUrl(param), { headers: { authorization: `Bearer ${access_token}` } });
    return { status: reply.status, body: await reply.json() };
  };

  it("decodes standard and URL-safe base64 of UTF-8 JSON, with or without padding", async () => {
    // Non-ASCII, and "?>" gives "+" / "/" in standard base64; a length that is no multiple of 3 gives padding.
    let name = "tâches?>";
    while (Buffer.byteLength(call(name)) % 3 === 0) name += "_";
    const text = call(name);
    const standard = Buffer.from(text).toString("base64");
    const urlSafe = Buffer.from(text).toString("base64url");
    expect(standard).not.toBe(urlSafe);
    expect(standard.endsWith("=")).toBe(true);
    const named = {
      status: 404,
      body: { error: `service not found: '${name}'`, error_code: "ServiceNotFound" },
    };
    expect(await open(standard)).toEqual(named);
    expect(await open(urlSafe)).toEqual(named);
    expect(await open(standard.replace(/=+$/, ""))).toEqual(named);
  });

  it("answers a parameter that is not base64 of UTF-8 with 400 BadRequest", async () => {
    for (const param of ["%%%", "a", Buffer.from([0xff, 0xfe, 0x7b]).toString("base64")]) {
      expect.soft(await open(param)).toEqual({
        status: 400,
        body: { error: "baas_request must be base64 of UTF-8 JSON", error_code: "BadRequest" },
      });
    }
  });
});
