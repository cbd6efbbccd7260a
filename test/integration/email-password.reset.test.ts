import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp, type ResetDetails } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const byEmail = createMockApp({
  id: "reset-email",
  users: [{ email: "ada@example.com", password: "old-password" }],
  providers: { "local-userpass": { resetPasswordUrl: "https://example.com/reset?lang=en" } },
});
const calls: { details: ResetDetails; args: unknown[] }[] = [];
let answer: "success" | "pending" | "fail" | "throw" = "success";
const byFunction = createMockApp({
  id: "reset-function",
  users: [{ email: "bob@example.com", password: "old-password" }],
  providers: {
    "local-userpass": {
      resetFunction: (details, ...args) => {
        calls.push({ details, args });
        if (answer === "throw") throw new Error("nope");
        return { status: answer };
      },
    },
  },
});
serve(byEmail, byFunction);

const login = (mock: Parameters<typeof realmApp>[0], email: string, password: string) =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));

describe("password reset by e-mail", () => {
  it("sends a reset link; following it sets the new password and retires the old one", async () => {
    const auth = realmApp(byEmail).emailPasswordAuth;
    await auth.sendResetPasswordEmail({ email: "ada@example.com" });
    const mail = byEmail.outbox.last("ada@example.com");
    expect(mail).toMatchObject({ kind: "reset", via: "email", to: "ada@example.com" });
    const link = new URL(mail?.url ?? "");
    expect(link.searchParams.get("lang")).toBe("en");
    await auth.resetPassword({
      token: link.searchParams.get("token") ?? "",
      tokenId: link.searchParams.get("tokenId") ?? "",
      password: "new-password",
    });
    await expect(login(byEmail, "ada@example.com", "new-password")).resolves.toBeDefined();
    const old = await realmFailure(login(byEmail, "ada@example.com", "old-password"));
    expect(old.statusCode).toBe(401);
    expect(old.errorCode).toBe("InvalidPassword");
  });

  it("refuses a reused or bad token with 400 invalid token data, and a short password with 400", async () => {
    const auth = realmApp(byEmail).emailPasswordAuth;
    await auth.sendResetPasswordEmail({ email: "ada@example.com" });
    const { token, tokenId } = byEmail.outbox.last() ?? { token: "", tokenId: "" };
    const short = await realmFailure(auth.resetPassword({ token, tokenId, password: "123" }));
    expect(short.statusCode).toBe(400);
    expect(short.error).toBe("password must be between 6 and 128 characters");
    await auth.resetPassword({ token, tokenId, password: "new-password" });
    const reused = await realmFailure(auth.resetPassword({ token, tokenId, password: "other-password" }));
    expect(reused.statusCode).toBe(400);
    expect(reused.errorCode).toBe("UserpassTokenInvalid");
    expect(reused.error).toBe("invalid token data");
  });

  it("answers an unknown email with 404 user not found", async () => {
    const error = await realmFailure(
      realmApp(byEmail).emailPasswordAuth.sendResetPasswordEmail({ email: "ghost@example.com" }),
    );
    expect(error.statusCode).toBe(404);
    expect(error.errorCode).toBe("UserNotFound");
  });

  it("refuses callResetPasswordFunction when no reset function is configured", async () => {
    const error = await realmFailure(
      realmApp(byEmail).emailPasswordAuth.callResetPasswordFunction({
        email: "ada@example.com",
        password: "new-password",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("reset password via function is not enabled");
  });
});

describe("password reset by function", () => {
  it("refuses sendResetPasswordEmail: reset goes through the function only", async () => {
    const error = await realmFailure(
      realmApp(byFunction).emailPasswordAuth.sendResetPasswordEmail({ email: "bob@example.com" }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("please use reset password via function");
  });

  it("sets the password at once on success, passing the details and the extra arguments", async () => {
    answer = "success";
    calls.length = 0;
    await realmApp(byFunction).emailPasswordAuth.callResetPasswordFunction(
      { email: "bob@example.com", password: "new-password" },
      "extra",
      1,
    );
    expect(calls).toEqual([
      {
        details: {
          username: "bob@example.com",
          password: "new-password",
          token: expect.any(String),
          tokenId: expect.stringMatching(/^[0-9a-f]{24}$/),
          currentPasswordValid: false,
        },
        args: ["extra", 1],
      },
    ]);
    await expect(login(byFunction, "bob@example.com", "new-password")).resolves.toBeDefined();
  });

  it("waits for resetPassword on pending; the outbox records the pair and the password asked for", async () => {
    answer = "pending";
    const auth = realmApp(byFunction).emailPasswordAuth;
    await auth.callResetPasswordFunction({ email: "bob@example.com", password: "new-password" });
    await expect(login(byFunction, "bob@example.com", "old-password")).resolves.toBeDefined();
    const pending = byFunction.outbox.last("bob@example.com");
    expect(pending).toMatchObject({ kind: "reset", via: "function", pendingPassword: "new-password" });
    await auth.resetPassword({
      token: pending?.token ?? "",
      tokenId: pending?.tokenId ?? "",
      password: pending?.pendingPassword ?? "",
    });
    await expect(login(byFunction, "bob@example.com", "new-password")).resolves.toBeDefined();
  });

  it.each(["fail", "throw"] as const)("fails with 400 when the function answers %s", async (outcome) => {
    answer = outcome;
    const error = await realmFailure(
      realmApp(byFunction).emailPasswordAuth.callResetPasswordFunction({
        email: "bob@example.com",
        password: "new-password",
      }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe('failed to reset password for user "bob@example.com"');
    await expect(login(byFunction, "bob@example.com", "old-password")).resolves.toBeDefined();
  });

  it("answers an unknown email with 404 and a short password with 400", async () => {
    answer = "success";
    const auth = realmApp(byFunction).emailPasswordAuth;
    const unknown = await realmFailure(
      auth.callResetPasswordFunction({ email: "ghost@example.com", password: "new-password" }),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.errorCode).toBe("UserNotFound");
    const short = await realmFailure(
      auth.callResetPasswordFunction({ email: "bob@example.com", password: "1" }),
    );
    expect(short.statusCode).toBe(400);
    expect(short.error).toBe("password must be between 6 and 128 characters");
  });
});
