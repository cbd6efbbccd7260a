import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/clock.js";
import { consoleLogger } from "../../../src/logger.js";
import { apiKey } from "../../../src/providers/api-key.js";
import { AppRuntime } from "../../../src/runtime.js";
import { applySeed } from "../../../src/state/seed.js";

function runtimeWithKeys(): AppRuntime {
  const runtime = new AppRuntime({ providers: { "api-key": true } }, createManualClock(0), consoleLogger);
  applySeed(
    runtime,
    [
      {
        id: "65a0000000000000000000d1",
        email: "a@b.c",
        password: "secret1",
        apiKeys: [
          { id: "65a0000000000000000000e1", name: "on", key: "k-on" },
          { id: "65a0000000000000000000e2", name: "off", key: "k-off", disabled: true },
        ],
      },
    ],
    {},
  );
  return runtime;
}

describe("api-key provider", () => {
  it("resolves a key to its owner", async () => {
    expect(await apiKey.login({ key: "k-on" }, runtimeWithKeys())).toEqual({
      identity: {
        id: "65a0000000000000000000e1",
        providerType: "api-key",
        key: "api-key:65a0000000000000000000e1",
        data: { name: "on" },
      },
      ownerId: "65a0000000000000000000d1",
    });
  });

  it.each([["k-off"], ["unknown"]])("refuses key %s with InvalidPassword", async (key) => {
    await expect(
      Promise.resolve().then(() => apiKey.login({ key }, runtimeWithKeys())),
    ).rejects.toMatchObject({
      code: "InvalidPassword",
      status: 401,
    });
  });

  it("refuses a payload without a key with BadRequest", async () => {
    await expect(Promise.resolve().then(() => apiKey.login({}, runtimeWithKeys()))).rejects.toMatchObject({
      code: "BadRequest",
    });
  });
});
