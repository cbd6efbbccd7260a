// The unhandled-request guard: under msw 2 (`onUnhandledRequest`) and msw 3 (`onUnhandledFrame`) alike, a request
// no mock app answers fails instead of reaching the network. CI runs this file under both majors.
import { afterAll, describe, expect, it } from "vitest";
import { mswMajor } from "../../src/testing/listen.js";
import { startEscapeTarget } from "../support/escape-target.js";

const target = await startEscapeTarget();
afterAll(() => target.close());

describe("the unhandled-request guard", () => {
  it(`fails a request that escapes the mock apps (msw ${mswMajor})`, async () => {
    const escaped = fetch(target.url).then((response) => response.text());
    await expect(escaped).rejects.toThrow();
    expect(target.hits()).toBe(0);
  });

  it("detects the installed msw major from the module itself", async () => {
    const { version } = (await import("msw/package.json", { with: { type: "json" } })).default;
    expect(mswMajor).toBe(Number(version.split(".")[0]));
  });
});
