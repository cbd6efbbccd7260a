import { describe, expect, it } from "vitest";
import { createMockApp } from "../../../src/index.js";
import { refuseUnowned } from "../../../src/pipeline/pipeline.js";

const api = "https://services.cloud.mongodb.com/api/client/v2.0";

// The Vitest dispatcher's last word when no mock is served at all (a setup without apps, a forgotten useMockApp).
describe("the refusal of a request no served mock owns", () => {
  it("answers an app route with 404 AppNotFound saying nothing is served and how to serve", async () => {
    const reply = refuseUnowned(new Request(`${api}/app/ghost-app/auth/providers/anon-user/login`));
    expect(reply?.status).toBe(404);
    const body = (await reply?.json()) as { error: string; error_code: string };
    expect(body.error_code).toBe("AppNotFound");
    expect(body.error).toContain("served: none");
    expect(body.error).toContain("serveMockApp(mock)");
  });

  it("answers a user route with 401 InvalidSession; a refresh keeps realm-web's logout wording", async () => {
    const mock = createMockApp({ id: "unit-unserved" });
    const login = await mock.handle(
      new Request(`${api}/app/unit-unserved/auth/providers/anon-user/login`, { method: "POST", body: "{}" }),
    );
    const { access_token, refresh_token } = (await (login as Response).json()) as Record<string, string>;
    const profile = refuseUnowned(
      new Request(`${api}/auth/profile`, { headers: { authorization: `Bearer ${access_token}` } }),
    );
    expect(profile?.status).toBe(401);
    expect(await profile?.json()).toMatchObject({
      error_code: "InvalidSession",
      error: expect.stringContaining("'unit-unserved', which is not served"),
    });
    const refresh = refuseUnowned(
      new Request(`${api}/auth/session`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${refresh_token}` },
      }),
    );
    expect(((await (refresh as Response).json()) as { error: string }).error).toContain(
      "failed to find refresh token",
    );
    const anonymous = refuseUnowned(new Request(`${api}/auth/profile`));
    expect(((await (anonymous as Response).json()) as { error: string }).error).toContain(
      "no live mock app minted this token",
    );
    mock.close();
  });

  it("leaves any other URL alone", () => {
    expect(refuseUnowned(new Request("https://example.com/api/other"))).toBeUndefined();
  });
});
