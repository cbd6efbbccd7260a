import { describe, expect, it } from "vitest";
import { Tracker } from "../src/tracker.js";
import { ada, backend } from "./backend.js";

const tracker = () => new Tracker(backend.id);

describe("the task tracker against its own exported app", () => {
  it("signs in, adds and completes tasks through the app's functions", async () => {
    const app = tracker();
    await app.signIn(ada.email, ada.password);
    expect(app.displayName()).toBe("Ada L.");
    const id = await app.addTask("Write the report", ["work"]);
    await app.addTask("Book the train");
    await app.complete(id);
    expect((await app.myTasks()).map((t) => [t.title, t.done])).toEqual([
      ["Book the train", false],
      ["Write the report", true],
    ]);
    expect(await app.summary()).toEqual({ total: 2, done: 1 });
    expect(backend).toHaveCalledFunction("addTask", ["Write the report", ["work"]]);
  });

  it("enforces the app's own limit, read from its values", async () => {
    const app = tracker();
    await app.signIn(ada.email, ada.password);
    for (const title of ["one", "two", "three"]) await app.addTask(title);
    await expect(app.addTask("four")).rejects.toThrow("you already have 3 tasks");
  });

  it("confirms accounts of the development domain at once and keeps others pending", async () => {
    const app = tracker();
    await app.register("new@tracker.example", "a long password");
    await expect(app.signIn("new@tracker.example", "a long password")).resolves.toBeDefined();
    await app.register("guest@elsewhere.example", "a long password");
    await expect(app.signIn("guest@elsewhere.example", "a long password")).rejects.toThrow(
      /confirmation required/,
    );
  });

  it("signs a kiosk user in with a PIN through the custom-function provider", async () => {
    const app = tracker();
    const user = await app.signInWithPin("kiosk1", "4321");
    expect(user.profile.name).toBe("kiosk1");
    await expect(app.signInWithPin("kiosk1", "1111")).rejects.toThrow(/wrong PIN/);
  });
});
