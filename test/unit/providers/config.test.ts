import { describe, expect, it } from "vitest";
import { emailPasswordModes, validateProviders } from "../../../src/providers/config.js";

const fn = () => ({ status: "success" as const });

describe("emailPasswordModes", () => {
  it("auto-confirms and resets by e-mail when nothing else is chosen", () => {
    expect(emailPasswordModes({})).toEqual({ confirmation: "auto", reset: "email" });
  });

  it("confirms by e-mail when a confirmation URL is set or autoConfirm is false", () => {
    expect(emailPasswordModes({ emailConfirmationUrl: "https://x" }).confirmation).toBe("email");
    expect(emailPasswordModes({ autoConfirm: false }).confirmation).toBe("email");
  });

  it("runs functions when they are given, unless told not to", () => {
    expect(emailPasswordModes({ confirmationFunction: fn, resetFunctionName: "reset" })).toEqual({
      confirmation: "function",
      reset: "function",
    });
    expect(
      emailPasswordModes({ confirmationFunction: fn, runConfirmationFunction: false, autoConfirm: false })
        .confirmation,
    ).toBe("email");
    expect(emailPasswordModes({ resetFunction: fn, runResetFunction: false }).reset).toBe("email");
  });
});

describe("validateProviders", () => {
  it("accepts omitted providers and consistent settings", () => {
    expect(() => validateProviders(undefined)).not.toThrow();
    expect(() =>
      validateProviders({
        "local-userpass": { confirmationFunctionName: "c", runResetFunction: true, resetFunction: fn },
        "custom-token": { signingKeys: ["k"] },
        "custom-function": { authFunctionName: "auth" },
      }),
    ).not.toThrow();
  });

  it("prefixes its messages and says how to fix them", () => {
    expect(() => validateProviders({ "custom-token": { signingKeys: ["a", "b", "c", "d"] } })).toThrow(
      '[app-services-mock] Invalid createMockApp({ providers }): "custom-token" needs 1 to 3 signingKeys.',
    );
    expect(() => validateProviders({ "local-userpass": { runConfirmationFunction: true } })).toThrow(
      "runs a confirmation function but names none",
    );
  });
});
