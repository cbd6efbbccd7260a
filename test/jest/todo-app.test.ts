// examples/todo-app/test/todo-app.test.ts under Jest 30 (ESM, node environment): the same tests, Jest's globals.
import { describe, expect, it } from "@jest/globals";
import { TodoApp } from "../../examples/todo-app/src/todo-app.js";
import { alice, backend } from "../../examples/todo-app/test/backend.js";

const newApp = () => new TodoApp(backend.id);

describe("the todo app against the emulated backend", () => {
  it("signs in a seeded user and lists its todos", async () => {
    const app = newApp();
    const user = await app.signIn(alice.email, alice.password);
    expect(user.id).toBe(alice.id);
    expect((await app.listTodos()).map((t) => t.text)).toEqual(["water the plants"]);
    expect(backend).toHaveLoggedIn(user, "local-userpass");
  });

  it("signs up a new user, who starts with no todos and the default theme", async () => {
    const app = newApp();
    const user = await app.signUp("newcomer@example.com", "a long password");
    expect(backend.users.findByEmail("newcomer@example.com")?.id).toBe(user.id);
    expect(await app.listTodos()).toEqual([]);
    expect(app.preferences).toEqual({ theme: "light" });
  });

  it("keeps preferences in custom user data, changed through the MongoDB client", async () => {
    const app = newApp();
    await app.signIn(alice.email, alice.password);
    expect(await app.setTheme("dark")).toEqual({ theme: "dark" });
    expect(backend.users.get(alice.id)?.customData).toMatchObject({ theme: "dark", userId: alice.id });
    expect(backend).toHaveEmitted("access-token-refreshed", {
      userId: alice.id,
      customData: expect.objectContaining({ theme: "dark" }),
    });
  });

  it("adds and completes todos, and a server function summarises them", async () => {
    const app = newApp();
    await app.signIn(alice.email, alice.password);
    const id = await app.addTodo("write tests");
    await app.complete(id);
    expect(await app.summary()).toEqual({ open: 1, done: 1 });
    expect(backend).toHaveCalledFunction("todoSummary", []);
  });

  it("signs out", async () => {
    const app = newApp();
    const user = await app.signIn(alice.email, alice.password);
    await app.signOut();
    expect(user.isLoggedIn).toBe(false);
    expect(backend).toHaveEmitted("logged-out", { userId: alice.id });
  });
});
