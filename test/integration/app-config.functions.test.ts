import { loadAppConfig } from "app-services-mock/node";
import { ObjectId } from "bson";
import * as Realm from "realm-web";
import { describe, expect, it, vi } from "vitest";
import { createMockApp } from "../../src/index.js";
import { realmApp, realmFailure, serve } from "../support/realm.js";

const APP = "fixtures/apps/task-tracker";
const ADA = "65a000000000000000000001";
const ADMIN = "65a000000000000000000002";
const logs: string[] = [];
const logger = { warn: (m: string) => logs.push(`warn ${m}`), log: (m: string) => logs.push(`log ${m}`) };

const mock = createMockApp({
  ...(await loadAppConfig(APP, {
    secrets: { weatherApiKeySecret: "k-123" },
    logger,
    functionTimeoutMs: 2000,
  })),
  users: [
    { id: ADA, email: "ada@tracker.example", password: "password1", customData: { display_name: "Ada" } },
    { id: ADMIN, email: "root@tracker.example", password: "password2", customData: { role: "admin" } },
  ],
});
/** A one-function app in the importer's shape: what does an auth function see? */
const probeLog = vi.fn();
const probe = createMockApp(
  await loadAppConfig(
    {
      name: "probe",
      authProviders: [
        { name: "custom-function", type: "custom-function", config: { authFunctionName: "login" } },
      ],
      functions: [
        {
          name: "login",
          private: true,
          source:
            "exports = (p) => { console.log(JSON.stringify([context.user.type, context.user.id, context.runningAsSystem()])); return p.id; };",
        },
      ],
    },
    { logger: { warn: probeLog, log: probeLog } },
  ),
);
serve(mock, probe);

const logIn = (email = "ada@tracker.example", password = "password1") =>
  realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));

describe("the shipped app's functions through realm-web", () => {
  it("takes the App ID, providers and custom user data from the export", async () => {
    expect(mock.id).toBe("tasktracker-kqzvh");
    const user = await logIn();
    expect(user.customData).toMatchObject({ user_id: ADA, display_name: "Ada" });
    const error = await realmFailure(realmApp(mock).logIn(Realm.Credentials.anonymous()));
    expect(error.statusCode).toBe(400);
  });

  it("runs a user function as its caller: context.user, services, values, execute", async () => {
    const user = await logIn();
    const id = await user.callFunction("addTask", "Buy milk!", ["home"]);
    expect(id).toBeInstanceOf(Realm.BSON.ObjectId);
    const stored = await mock.service("mongodb-atlas").db("tracker").collection("tasks").findOne({});
    expect(stored).toEqual({
      _id: expect.any(ObjectId),
      owner_id: ADA,
      title: "Buy milk!",
      slug: "buy-milk",
      tags: ["home"],
      done: false,
      shared_with: [],
      created: expect.any(Date),
    });
    expect(String(stored?._id)).toBe(String(id));
    const audit = await mock.service("mongodb-atlas").db("tracker").collection("audit").find({});
    expect(audit).toEqual([
      expect.objectContaining({ event: "task-added", by: ADA, details: { taskId: expect.any(ObjectId) } }),
    ]);
    expect(audit[0]?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await user.callFunction("whoAmI")).toEqual({
      id: ADA,
      type: "normal",
      email: "ada@tracker.example",
      displayName: "Ada",
      providers: ["local-userpass"],
      runningAsSystem: false,
    });
  });

  it("passes documents, dates and ObjectIds both ways, and honours a value limit with a thrown error", async () => {
    const user = await logIn();
    const first = await user.callFunction("addTask", "one");
    await user.callFunction("addTask", "two");
    await user.callFunction("addTask", "three");
    const error = await realmFailure(user.callFunction("addTask", "four"));
    expect(error).toMatchObject({ statusCode: 400, errorCode: "FunctionExecutionError" });
    expect(error.error).toBe("you already have 3 tasks");
    const listed = (await user.callFunction("listMyTasks", { limit: 2 })) as Record<string, unknown>[];
    expect(listed.map((t) => t.title)).toEqual(["three", "two"]);
    expect(listed[0]?.created).toBeInstanceOf(Date);
    expect(listed[0]).not.toHaveProperty("slug");
    expect(await user.callFunction("completeTask", first)).toEqual({ matched: 1, modified: 1 });
    expect(await user.callFunction("taskSummary")).toEqual({ total: 3, done: 1 });
  });

  it("gives context.environment, context.app, context.request and values (secret-backed too); console goes to the logger", async () => {
    const user = await logIn();
    logs.length = 0;
    expect(await user.callFunction("appInfo")).toEqual({
      app: "tasktracker-kqzvh",
      environment: "development",
      host: "dev.tracker.example",
      maxTasks: 3,
      method: "POST",
      weatherKeyConfigured: true,
    });
    expect(logs).toEqual([`log function console.log: appInfo called by ${ADA}`]);
  });

  it("answers context.http with a clear not-emulated error", async () => {
    const user = await logIn();
    const error = await realmFailure(user.callFunction("checkWeather", "Paris"));
    expect(error.error).toBe(
      "context.http.get is not emulated by app-services-mock: the kit makes no outbound requests",
    );
  });

  it("refuses private functions to clients and honours can_evaluate; run_as_system sees the caller", async () => {
    const user = await logIn();
    await user.callFunction("addTask", "mine");
    expect(await realmFailure(user.callFunction("recordAudit", "x", {}))).toMatchObject({
      statusCode: 400,
      errorCode: "NotCallable",
    });
    expect(await realmFailure(user.callFunction("adminStats"))).toMatchObject({ errorCode: "NotCallable" });
    const admin = await logIn("root@tracker.example", "password2");
    expect(await admin.callFunction("adminStats")).toEqual({
      tasks: 1,
      done: 0,
      audit: 1,
      caller: ADMIN,
      runningAsSystem: true,
    });
  });
});

describe("the shipped app's auth functions", () => {
  it("confirms by function: the environment's domain at once, other domains pending, blocked ones fail", async () => {
    const app = realmApp(mock);
    await app.emailPasswordAuth.registerUser({ email: "new@tracker.example", password: "password9" });
    await expect(
      app.logIn(Realm.Credentials.emailPassword("new@tracker.example", "password9")),
    ).resolves.toBeDefined();
    await app.emailPasswordAuth.registerUser({ email: "someone@gmail.example", password: "password9" });
    const pending = await realmFailure(
      app.logIn(Realm.Credentials.emailPassword("someone@gmail.example", "password9")),
    );
    expect(pending.statusCode).toBe(401);
    const failed = await realmFailure(
      app.emailPasswordAuth.registerUser({ email: "x@blocked.example", password: "password9" }),
    );
    expect(failed.statusCode).toBe(400);
  });

  it("resets by function with the SDK's extra argument", async () => {
    const app = realmApp(mock);
    await app.emailPasswordAuth.callResetPasswordFunction(
      { email: "ada@tracker.example", password: "new-password" },
      "blue",
    );
    await expect(
      app.logIn(Realm.Credentials.emailPassword("ada@tracker.example", "new-password")),
    ).resolves.toBeDefined();
  });

  it("logs in with the custom-function provider, which requires crypto inside the sandbox", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.function({ username: "grace", pin: "4321" }));
    expect(user.profile.name).toBe("grace");
    expect(user.identities).toEqual([{ id: "pin:grace", providerType: "custom-function" }]);
    const again = await app.logIn(Realm.Credentials.function({ username: "grace", pin: "4321" }));
    expect(again.id).toBe(user.id);
    const wrong = await realmFailure(
      app.logIn(Realm.Credentials.function({ username: "grace", pin: "0000" })),
    );
    expect(wrong).toMatchObject({ statusCode: 401, error: "wrong PIN" });
  });

  it("runs auth functions without an authenticated user as the system user", async () => {
    await realmApp(probe).logIn(Realm.Credentials.function({ id: "ext-1" }));
    expect(probeLog).toHaveBeenCalledWith('function console.log: ["system","000000000000000000000000",true]');
  });
});
