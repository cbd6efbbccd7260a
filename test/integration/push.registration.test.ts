import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, serve } from "../support/realm.js";

const mock = createMockApp({ id: "push-app" });
serve(mock);

const url = (service: string) =>
  `${mock.baseUrl}/api/client/v2.0/app/push-app/push/providers/${service}/registration`;

const register = (token: string | null, service = "gcm", body: unknown = { registrationToken: "device-1" }) =>
  fetch(url(service), {
    method: "PUT",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe("push registrations (raw fetch: realm-web 2.0.1 has no push client)", () => {
  it("shows that realm-web itself cannot register", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    expect(() => user.push()).toThrow("Not yet implemented");
  });

  it("registers and deregisters a device, visible through mock.push and the journal", async () => {
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const put = await register(user.accessToken);
    expect(put.status).toBe(204);
    expect(mock.push.list()).toEqual([
      { userId: user.id, service: "gcm", registrationToken: "device-1", at: expect.any(Number) },
    ]);
    await register(user.accessToken, "gcm", { registrationToken: "device-2" });
    expect(mock.push.list({ userId: user.id }).map((r) => r.registrationToken)).toEqual(["device-2"]);

    const del = await fetch(url("gcm"), {
      method: "DELETE",
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(del.status).toBe(204);
    expect(mock.push.list()).toEqual([]);
    expect(mock.events.list({ type: ["push-registered", "push-deregistered"] })).toMatchObject([
      { type: "push-registered", userId: user.id, service: "gcm", registrationToken: "device-1" },
      { type: "push-registered", registrationToken: "device-2" },
      { type: "push-deregistered", userId: user.id, service: "gcm" },
    ]);
  });

  it("requires an access token and a registrationToken", async () => {
    const anonymous = await register(null);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error_code: string }).error_code).toBe("InvalidSession");
    const user = await realmApp(mock).logIn(Realm.Credentials.anonymous());
    const empty = await register(user.accessToken, "gcm", {});
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: "expected a string field 'registrationToken'",
      error_code: "BadRequest",
    });
  });

  it("drops registrations on reset and with the user", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.anonymous());
    await register(user.accessToken);
    await app.deleteUser(user);
    expect(mock.push.list()).toEqual([]);
    const other = await realmApp(mock).logIn(Realm.Credentials.anonymous(false));
    await register(other.accessToken, "fcm");
    mock.reset();
    expect(mock.push.list()).toEqual([]);
  });
});
