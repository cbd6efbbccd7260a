// A page on another origin than `app-services-mock serve`: realm-web's browser build talks to the CLI server
// over real CORS requests, and the control client reads the journal from the page.
import { createControlClient } from "app-services-mock/client";
import * as Realm from "realm-web";
import { report, runFlow } from "./flow.js";

async function main() {
  const params = new URLSearchParams(location.search);
  const baseUrl = params.get("baseUrl") ?? "";
  const appId = params.get("appId") ?? "";
  const control = createControlClient({ baseUrl, appId });
  await control.reset();
  const app = new Realm.App({ id: appId, baseUrl });
  const outcome = await runFlow(Realm, app, {
    email: params.get("email") ?? "",
    password: params.get("password") ?? "",
    database: "todo",
    collection: "items",
  });
  const journal = (await control.events.list({ userId: outcome.userId })).map((e) => e.type);
  return { ...outcome, journal };
}

report(main());
