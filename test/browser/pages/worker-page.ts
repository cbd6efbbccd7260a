// A page that serves the kit through MSW's service worker (setupWorker) and runs realm-web's browser build.
import { createMockApp } from "app-services-mock";
import { setupWorker } from "msw/browser";
import * as Realm from "realm-web";
import { report, runFlow } from "./flow.js";

const mock = createMockApp({
  id: "browser-app",
  users: [{ email: "ada@example.com", password: "password1", customData: { theme: "light" } }],
  customUserData: { database: "app", collection: "users", userIdField: "userId" },
  functions: { sum: (_context, a: number, b: number) => a + b },
});

async function main() {
  const worker = setupWorker(...mock.handlers);
  await worker.start({
    quiet: true,
    // msw's default for requests no handler answers (the page's own files) is a console warning: left as is, since
    // msw 2 calls the option onUnhandledRequest and msw 3 onUnhandledFrame.
    serviceWorker: { url: "/mockServiceWorker.js" },
  });
  const app = new Realm.App({ id: mock.id });
  const outcome = await runFlow(Realm, app, {
    email: "ada@example.com",
    password: "password1",
    database: "app",
    collection: "todos",
  });
  return { ...outcome, journal: mock.events.list().map((e) => e.type) };
}

report(main());
