import { buildBundledFixtures } from "../../fixtures/bundled.js";
import { todoNamespace } from "../../fixtures/todos.js";
import type { MockAppOptions } from "../options.js";

/** The app id `npm start` serves when no app is given. */
export const DEMO_APP_ID = "demo-app";

/** Two logins of the demo app, with their plain-text passwords. */
export interface DemoLogin {
  readonly email: string;
  readonly password: string;
}

/**
 * The embedded demo app of `app-services-mock serve`: the bundled fixture users (plain-text passwords) and todos
 * for `seed` (default 1, the bundled files), custom user data, a value and three functions.
 */
export function demoApp(seed = 1): { options: MockAppOptions; logins: DemoLogin[] } {
  const { users, todos } = buildBundledFixtures(seed);
  const logins = users
    .filter((u) => u.email !== undefined && u.password !== undefined && u.disabled !== true)
    .slice(0, 2)
    .map((u) => ({ email: u.email ?? "", password: u.password ?? "" }));
  const options: MockAppOptions = {
    id: DEMO_APP_ID,
    users,
    data: todos,
    customUserData: { database: "app", collection: "users", userIdField: "userId" },
    providers: { "anon-user": true, "local-userpass": { autoConfirm: true }, "api-key": true },
    values: { greeting: "Hello" },
    functions: {
      greet: (context, name: unknown) =>
        `${context.values.get("greeting")}, ${String(name ?? context.user.id)}!`,
      sum: (_context, ...numbers: unknown[]) => numbers.reduce<number>((total, n) => total + Number(n), 0),
      myTodos: (context) =>
        context.services
          .get(todoNamespace.service)
          .db(todoNamespace.database)
          .collection(todoNamespace.collection)
          .find({ owner_id: context.user.id }),
    },
  };
  return { options, logins };
}
