import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { type ConfirmationDetails, createManualClock, createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const defaults = createMockApp({ id: "userpass-defaults" });
const byEmail = createMockApp({
  id: "userpass-email",
  clock: createManualClock(Date.UTC(2026, 0, 1)),
  providers: {
    "anon-user": true,
    "local-userpass": { autoConfirm: false, emailConfirmationUrl: "https://example.com/confirm" },
  },
});
const confirmations: ConfirmationDetails[] = [];
const statuses: Record<string, "success" | "pending" | "fail"> = {};
const byFunction = createMockApp({
  id: "userpass-function",
  providers: {
    "local-userpass": {
      confirmationFunction: (details) => {
        confirmations.push(details);
        if (details.username.startsWith("throw")) throw new Error("boom");
        return { status: statuses[details.username] ?? "success" };
      },
    },
  },
});
const byName = createMockApp({
  id: "userpass-named",
  functions: {
    confirmUser: (_ctx, details) => ({
      status: (details as ConfirmationDetails).username.startsWith("ok") ? "success" : "pending",
    }),
  },
  providers: { "local-userpass": { confirmationFunctionName: "confirmUser" } },
});
const disabled = createMockApp({
  id: "userpass-off",
  providers: { "anon-user": true, "local-userpass": false },
});
serve(defaults, byEmail, byFunction, byName, disabled);

const login = (mock: Parameters<typeof realmApp>[0], email: string, password: string) =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));

describe("registerUser", () => {
  it("auto-confirms by default, so the new user logs in at once", async () => {
    const app = realmApp(defaults);
    await app.emailPasswordAuth.registerUser({ email: "new@example.com", password: "secret1" });
    const user = await login(defaults, "new@example.com", "secret1");
    expect(user.profile.email).toBe("new@example.com");
    expect(defaults.outbox.list()).toEqual([]);
  });

  it("refuses an email already in use with AccountNameInUse", async () => {
    const app = realmApp(defaults);
    await app.emailPasswordAuth.registerUser({ email: "twice@example.com", password: "secret1" });
    const error = await realmFailure(
      app.emailPasswordAuth.registerUser({ email: "twice@example.com", password: "secret2" }),
    );
    expect(error.statusCode).toBe(409);
    expect(error.errorCode).toBe("AccountNameInUse");
    expect(error.error).toBe("name already in use");
  });

  it.each([
    ["too short", "12345"],
    ["too long", "x".repeat(129)],
  ])("refuses a password that is %s with 400", async (_, password) => {
    const error = await realmFailure(
      realmApp(defaults).emailPasswordAuth.registerUser({ email: "short@example.com", password }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("BadRequest");
    expect(error.error).toBe("password must be between 6 and 128 characters");
  });

  it("accepts passwords of exactly 6 and 128 characters", async () => {
    const auth = realmApp(defaults).emailPasswordAuth;
    await auth.registerUser({ email: "six@example.com", password: "123456" });
    await auth.registerUser({ email: "max@example.com", password: "y".repeat(128) });
    await expect(login(defaults, "max@example.com", "y".repeat(128))).resolves.toBeDefined();
  });

  it("ignores the access token of a logged-in user whose session is gone (no refresh loop)", async () => {
    const app = realmApp(defaults);
    const anon = await app.logIn(Realm.Credentials.anonymous());
    defaults.users.revokeSessions(anon.id);
    await app.emailPasswordAuth.registerUser({ email: "stale@example.com", password: "secret1" });
    expect(defaults.events.list({ type: "access-token-refreshed" })).toEqual([]);
    expect(anon.isLoggedIn).toBe(true);
  });

  it("fails with ProviderDisabled when email/password is turned off", async () => {
    const error = await realmFailure(
      realmApp(disabled).emailPasswordAuth.registerUser({ email: "a@example.com", password: "secret1" }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe("ProviderDisabled");
    expect(error.error).toBe("authentication via 'local-userpass' is disabled");
  });
});

describe("confirmation by e-mail", () => {
  it("keeps the user pending until the link from the outbox is followed", async () => {
    const app = realmApp(byEmail);
    await app.emailPasswordAuth.registerUser({ email: "pending@example.com", password: "secret1" });
    const refused = await realmFailure(login(byEmail, "pending@example.com", "secret1"));
    expect(refused.statusCode).toBe(401);
    expect(refused.errorCode).toBe("UserPendingConfirmation");
    expect(refused.error).toBe("confirmation required");

    const mail = byEmail.outbox.last("pending@example.com");
    expect(mail).toMatchObject({ kind: "confirmation", via: "email", to: "pending@example.com" });
    const link = new URL(mail?.url ?? "");
    expect(link.origin + link.pathname).toBe("https://example.com/confirm");
    const token = link.searchParams.get("token") ?? "";
    const tokenId = link.searchParams.get("tokenId") ?? "";
    expect({ token, tokenId }).toEqual({ token: mail?.token, tokenId: mail?.tokenId });

    await app.emailPasswordAuth.confirmUser({ token, tokenId });
    const user = await login(byEmail, "pending@example.com", "secret1");
    expect(user.profile.email).toBe("pending@example.com");
  });

  it("answers a used, unknown or expired token with 400 invalid token data", async () => {
    const auth = realmApp(byEmail).emailPasswordAuth;
    await auth.registerUser({ email: "once@example.com", password: "secret1" });
    const { token, tokenId } = byEmail.outbox.last() ?? { token: "", tokenId: "" };
    await auth.confirmUser({ token, tokenId });
    for (const attempt of [
      { token, tokenId },
      { token: "nope", tokenId },
    ]) {
      const error = await realmFailure(auth.confirmUser(attempt));
      expect(error.statusCode).toBe(400);
      expect(error.errorCode).toBe("UserpassTokenInvalid");
      expect(error.error).toBe("invalid token data");
    }
    await auth.registerUser({ email: "late@example.com", password: "secret1" });
    const late = byEmail.outbox.last("late@example.com");
    (byEmail.clock as ReturnType<typeof createManualClock>).advance(31 * 60_000);
    const expired = await realmFailure(
      auth.confirmUser({ token: late?.token ?? "", tokenId: late?.tokenId ?? "" }),
    );
    expect(expired.errorCode).toBe("UserpassTokenInvalid");
  });

  it("resends a new link that replaces the old one", async () => {
    const auth = realmApp(byEmail).emailPasswordAuth;
    await auth.registerUser({ email: "resend@example.com", password: "secret1" });
    const first = byEmail.outbox.last();
    await auth.resendConfirmationEmail({ email: "resend@example.com" });
    const second = byEmail.outbox.last();
    expect(byEmail.outbox.list({ to: "resend@example.com" })).toHaveLength(2);
    expect(second?.tokenId).not.toBe(first?.tokenId);
    const old = await realmFailure(
      auth.confirmUser({ token: first?.token ?? "", tokenId: first?.tokenId ?? "" }),
    );
    expect(old.errorCode).toBe("UserpassTokenInvalid");
    await auth.confirmUser({ token: second?.token ?? "", tokenId: second?.tokenId ?? "" });
    await expect(login(byEmail, "resend@example.com", "secret1")).resolves.toBeDefined();
  });

  it("refuses to resend for a confirmed user (400) or an unknown one (404)", async () => {
    const auth = realmApp(byEmail).emailPasswordAuth;
    await auth.registerUser({ email: "done@example.com", password: "secret1" });
    const mail = byEmail.outbox.last();
    await auth.confirmUser({ token: mail?.token ?? "", tokenId: mail?.tokenId ?? "" });
    const confirmed = await realmFailure(auth.resendConfirmationEmail({ email: "done@example.com" }));
    expect(confirmed.statusCode).toBe(400);
    expect(confirmed.errorCode).toBe("UserAlreadyConfirmed");
    expect(confirmed.error).toBe("already confirmed");
    const unknown = await realmFailure(auth.resendConfirmationEmail({ email: "ghost@example.com" }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.errorCode).toBe("UserNotFound");
    expect(unknown.error).toBe("user not found");
  });

  it("empties the outbox on reset and on clear()", async () => {
    await realmApp(byEmail).emailPasswordAuth.registerUser({ email: "x@example.com", password: "secret1" });
    expect(byEmail.outbox.list()).toHaveLength(1);
    byEmail.outbox.clear();
    expect(byEmail.outbox.last()).toBeUndefined();
    await realmApp(byEmail).emailPasswordAuth.registerUser({ email: "y@example.com", password: "secret1" });
    byEmail.reset();
    expect(byEmail.outbox.list()).toEqual([]);
  });
});

describe("confirmation by function", () => {
  it("confirms at once when the function answers success, passing { username, token, tokenId }", async () => {
    confirmations.length = 0;
    await realmApp(byFunction).emailPasswordAuth.registerUser({
      email: "yes@example.com",
      password: "secret1",
    });
    expect(confirmations).toEqual([
      {
        username: "yes@example.com",
        token: expect.any(String),
        tokenId: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
    ]);
    await expect(login(byFunction, "yes@example.com", "secret1")).resolves.toBeDefined();
  });

  it("keeps the user pending on pending; confirmUser with the function's pair finishes it", async () => {
    statuses["wait@example.com"] = "pending";
    confirmations.length = 0;
    const auth = realmApp(byFunction).emailPasswordAuth;
    await auth.registerUser({ email: "wait@example.com", password: "secret1" });
    expect((await realmFailure(login(byFunction, "wait@example.com", "secret1"))).errorCode).toBe(
      "UserPendingConfirmation",
    );
    expect(byFunction.outbox.last()).toMatchObject({ kind: "confirmation", via: "function", url: undefined });
    const [details] = confirmations;
    await auth.confirmUser({ token: details?.token ?? "", tokenId: details?.tokenId ?? "" });
    await expect(login(byFunction, "wait@example.com", "secret1")).resolves.toBeDefined();
  });

  it("keeps no account when the function answers fail or throws", async () => {
    const auth = realmApp(byFunction).emailPasswordAuth;
    for (const email of ["fail@example.com", "throw@example.com"]) {
      statuses[email] = "fail";
      const error = await realmFailure(auth.registerUser({ email, password: "secret1" }));
      expect(error.statusCode).toBe(400);
      expect(error.error).toBe(`failed to confirm user "${email}"`);
      expect((await realmFailure(login(byFunction, email, "secret1"))).errorCode).toBe("InvalidPassword");
    }
    statuses["fail@example.com"] = "success";
    await auth.registerUser({ email: "fail@example.com", password: "secret1" });
  });

  it("runs the function again with retryCustomConfirmation", async () => {
    statuses["retry@example.com"] = "pending";
    const auth = realmApp(byFunction).emailPasswordAuth;
    await auth.registerUser({ email: "retry@example.com", password: "secret1" });
    statuses["retry@example.com"] = "success";
    confirmations.length = 0;
    await auth.retryCustomConfirmation({ email: "retry@example.com" });
    expect(confirmations).toHaveLength(1);
    await expect(login(byFunction, "retry@example.com", "secret1")).resolves.toBeDefined();
    const again = await realmFailure(auth.retryCustomConfirmation({ email: "retry@example.com" }));
    expect(again.errorCode).toBe("UserAlreadyConfirmed");
    const unknown = await realmFailure(auth.retryCustomConfirmation({ email: "ghost@example.com" }));
    expect(unknown.errorCode).toBe("UserNotFound");
  });

  it("refuses retryCustomConfirmation while auto-confirm is on", async () => {
    const error = await realmFailure(
      realmApp(defaults).emailPasswordAuth.retryCustomConfirmation({ email: "a@example.com" }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.error).toBe("cannot run confirmation for a@example.com: automatic confirmation is enabled");
  });

  it("resolves confirmationFunctionName through createMockApp({ functions })", async () => {
    const auth = realmApp(byName).emailPasswordAuth;
    await auth.registerUser({ email: "ok@example.com", password: "secret1" });
    await expect(login(byName, "ok@example.com", "secret1")).resolves.toBeDefined();
    await auth.registerUser({ email: "later@example.com", password: "secret1" });
    const mail = byName.outbox.last("later@example.com");
    expect(mail?.via).toBe("function");
    await auth.confirmUser({ token: mail?.token ?? "", tokenId: mail?.tokenId ?? "" });
    await expect(login(byName, "later@example.com", "secret1")).resolves.toBeDefined();
  });
});
