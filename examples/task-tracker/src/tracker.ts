// The client side of the task tracker, written the way a realm-web user writes it: it calls the app's functions
// and knows nothing about the test kit. Its backend is the exported app in fixtures/apps/task-tracker.
import * as Realm from "realm-web";

export interface Task {
  _id: Realm.BSON.ObjectId;
  owner_id: string;
  title: string;
  tags: string[];
  done: boolean;
  created: Date;
}

export class Tracker {
  readonly realm: Realm.App;

  constructor(appId: string) {
    this.realm = new Realm.App({ id: appId });
  }

  private get user(): Realm.User {
    const user = this.realm.currentUser;
    if (!user) throw new Error("Not signed in");
    return user;
  }

  signIn(email: string, password: string): Promise<Realm.User> {
    return this.realm.logIn(Realm.Credentials.emailPassword(email, password));
  }

  /** The kiosk login: a username and a four-digit PIN (custom-function provider). */
  signInWithPin(username: string, pin: string): Promise<Realm.User> {
    return this.realm.logIn(Realm.Credentials.function({ username, pin }));
  }

  /** Registers an account; whether it can sign in at once depends on the app's confirmation function. */
  register(email: string, password: string): Promise<void> {
    return this.realm.emailPasswordAuth.registerUser({ email, password });
  }

  addTask(title: string, tags: string[] = []): Promise<Realm.BSON.ObjectId> {
    return this.user.callFunction("addTask", title, tags) as Promise<Realm.BSON.ObjectId>;
  }

  complete(taskId: Realm.BSON.ObjectId): Promise<unknown> {
    return this.user.callFunction("completeTask", taskId);
  }

  myTasks(limit = 10): Promise<Task[]> {
    return this.user.callFunction("listMyTasks", { limit }) as Promise<Task[]>;
  }

  summary(): Promise<{ total: number; done: number }> {
    return this.user.callFunction("taskSummary") as Promise<{ total: number; done: number }>;
  }

  displayName(): string | undefined {
    return (this.user.customData as { display_name?: string }).display_name;
  }
}
