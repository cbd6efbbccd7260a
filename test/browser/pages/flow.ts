// The realm-web flow both browser pages run; the test reads its outcome from the DOM (`#outcome`).
import type * as Realm from "realm-web";

export interface FlowOutcome {
  userId: string;
  sum: unknown;
  customDataBefore: unknown;
  customDataAfter: unknown;
  watched: unknown;
  loggedOut: boolean;
}

type RealmModule = typeof Realm;

/** Logs in with email/password, calls a function, reads and refreshes custom data, watches, logs out. */
export async function runFlow(
  realm: RealmModule,
  app: Realm.App,
  login: { email: string; password: string; database: string; collection: string },
): Promise<FlowOutcome> {
  const user = await app.logIn(realm.Credentials.emailPassword(login.email, login.password));
  const sum = await user.callFunction("sum", 2, 3);
  const customDataBefore = user.customData;
  const mongo = user.mongoClient("mongodb-atlas");
  await mongo
    .db("app")
    .collection("users")
    .updateOne({ userId: user.id }, { $set: { theme: "dark" } }, { upsert: true });
  await user.refreshCustomData();
  const customDataAfter = user.customData;
  const items = mongo.db(login.database).collection(login.collection);
  const stream = items.watch();
  const first = stream.next();
  // The watch request is sent on the first next(); give it a moment to be subscribed before the write.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await items.insertOne({ summary: "from the page", owner_id: user.id });
  const change = (await first).value as { operationType?: string; fullDocument?: { summary?: string } };
  await stream.return(undefined);
  await user.logOut();
  return {
    userId: user.id,
    sum,
    customDataBefore,
    customDataAfter,
    watched: { operationType: change.operationType, summary: change.fullDocument?.summary },
    loggedOut: app.currentUser === null,
  };
}

/** Writes the outcome (or the failure) where the test looks for it. */
export function report(outcome: Promise<unknown>): void {
  const element = document.createElement("pre");
  element.id = "outcome";
  document.body.append(element);
  outcome.then(
    (value) => {
      element.textContent = JSON.stringify({ ok: true, value });
    },
    (error: unknown) => {
      element.textContent = JSON.stringify({ ok: false, error: String((error as Error)?.stack ?? error) });
    },
  );
}
