import { afterEach, describe, expect, it } from "vitest";
import {
  type AppServicesError,
  applyFaultCommand,
  createMockApp,
  isAppServicesError,
} from "../../../src/index.js";

const ADA = "65a0000000000000000000c1";
const mock = createMockApp({
  id: "command-app",
  users: [{ id: ADA, email: "ada@example.com", password: "password1" }],
});
afterEach(() => mock.reset());

const location = () => mock.handle(new Request(`${mock.baseUrl}/api/client/v2.0/app/command-app/location`));

/** The error a command is refused with. */
function refusal(command: unknown): AppServicesError {
  try {
    applyFaultCommand(mock, command);
  } catch (error) {
    if (isAppServicesError(error)) return error;
    throw error;
  }
  throw new Error("the command was accepted");
}

describe("applyFaultCommand", () => {
  it("injects a fault sent as JSON, lists and clears it; every answer is plain JSON", async () => {
    const command = JSON.parse(
      '{"action":"inject","fault":{"route":"location","times":2,"effect":{"kind":"unavailable","retryAfterSeconds":7}}}',
    );
    expect(applyFaultCommand(mock, command)).toEqual({ id: "fault-1" });
    const reply = await location();
    expect(reply?.status).toBe(503);
    expect(reply?.headers.get("retry-after")).toBe("7");
    const listed = applyFaultCommand(mock, { action: "list" });
    expect(JSON.parse(JSON.stringify(listed))).toEqual(listed);
    expect(listed).toEqual({
      faults: [
        {
          id: "fault-1",
          spec: {
            route: "location",
            times: 2,
            probability: 1,
            effect: { kind: "unavailable", retryAfterSeconds: 7 },
          },
          hasPredicate: false,
          fired: 1,
          remaining: 1,
        },
      ],
    });
    expect(applyFaultCommand(mock, { action: "clear", id: "fault-1" })).toEqual({ cleared: 1 });
    expect((await location())?.status).toBe(200);
  });

  it("expires tokens and sets lifetimes", () => {
    expect(applyFaultCommand(mock, { action: "expire-access-tokens", userId: ADA })).toEqual({ sessions: 0 });
    expect(applyFaultCommand(mock, { action: "expire-refresh-tokens" })).toEqual({ sessions: 0 });
    expect(applyFaultCommand(mock, { action: "set-token-ttls", accessTokenTtlSeconds: 90 })).toEqual({
      ttls: { accessTokenTtlSeconds: 90, refreshTokenTtlSeconds: 5_184_000 },
    });
    expect(mock.events.list({ type: "tokens-expired" })).toHaveLength(2);
  });

  it("refuses hostile or malformed commands with BadRequest and changes nothing", () => {
    const bad = [
      null,
      [],
      "inject",
      { action: "explode" },
      { action: "inject" },
      { action: "inject", fault: { route: "functions" } },
      { action: "inject", fault: { route: "functions", effect: { kind: "delay", ms: -1 } } },
      { action: "inject", fault: { route: "functions", effect: { kind: "delay", ms: 2 ** 31 } } },
      { action: "inject", fault: { route: "functions", effect: { kind: "error", status: 200 } } },
      { action: "inject", fault: { route: ["functions", "toString"], effect: { kind: "error" } } },
      { action: "inject", fault: { route: "functions", effect: { kind: "error", code: "constructor" } } },
      JSON.parse(
        '{"action":"inject","fault":{"route":"functions","effect":{"kind":"error"},"__proto__":{"x":1}}}',
      ),
      JSON.parse('{"action":"inject","fault":{"route":"functions","effect":{"kind":"__proto__"}}}'),
      { action: "clear", id: 5 },
      { action: "set-token-ttls", accessTokenTtlSeconds: 0 },
      { action: "set-token-ttls", refreshTokenTtlSeconds: "60" },
    ];
    for (const command of bad) {
      const error = refusal(command);
      expect([error.code, error.status], JSON.stringify(command)).toEqual(["BadRequest", 400]);
    }
    expect(refusal({ action: "expire-access-tokens", userId: "nobody" }).code).toBe("UserNotFound");
    expect(mock.faults.list()).toEqual([]);
    expect(mock.time.tokenTtls().accessTokenTtlSeconds).toBe(1800);
    expect(mock.events.list()).toEqual([]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
