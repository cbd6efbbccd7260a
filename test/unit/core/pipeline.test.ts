import { describe, expect, it, vi } from "vitest";
import { createManualClock, createMockApp } from "../../../src/index.js";
import { createPipeline } from "../../../src/pipeline/pipeline.js";
import { AppRuntime } from "../../../src/runtime.js";

const request = (path: string, init?: RequestInit) =>
  new Request(`http://x.test/api/client/v2.0${path}`, init);

describe("request pipeline", () => {
  it("turns an unexpected exception into a 500 InternalServerError body and one logged warning", async () => {
    const warn = vi.fn();
    const runtime = new AppRuntime({ id: "p" }, createManualClock(0), { warn });
    const pipeline = createPipeline(runtime, [
      {
        method: "GET",
        pattern: /^\/app\/[^/]+\/boom$/,
        handle: () => {
          throw new TypeError("kaboom");
        },
      },
    ]);
    const reply = await pipeline(request("/app/p/boom"));
    expect(reply?.status).toBe(500);
    expect(await reply?.json()).toEqual({
      error: "internal server error",
      error_code: "InternalServerError",
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("GET /api/client/v2.0/app/p/boom");
  });

  it("passes on requests outside the client API", async () => {
    const runtime = new AppRuntime({ id: "p" }, createManualClock(0), { warn: vi.fn() });
    const pipeline = createPipeline(runtime, []);
    expect(await pipeline(new Request("http://x.test/other"))).toBeUndefined();
  });
});

describe("options", () => {
  it("refuses token lifetimes under a second, which would make realm-web refresh forever", () => {
    expect(() => createMockApp({ tokens: { accessTokenTtlSeconds: 0 } })).toThrow(
      "[app-services-mock] createMockApp({ tokens.accessTokenTtlSeconds }) must be a number of seconds ≥ 1, got 0.",
    );
    expect(() => createMockApp({ tokens: { refreshTokenTtlSeconds: Number.NaN } })).toThrow(
      /refreshTokenTtlSeconds/,
    );
    expect(createMockApp({ tokens: { accessTokenTtlSeconds: 1 } }).id).toBe("mock-app");
  });
});
