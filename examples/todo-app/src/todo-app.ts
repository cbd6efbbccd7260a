// A small application module written the way a realm-web user writes one. It knows nothing about the test kit.
import * as Realm from "realm-web";

export interface TodoItem {
  _id: Realm.BSON.ObjectId;
  owner: string;
  text: string;
  done: boolean;
}

export interface Preferences {
  theme: "light" | "dark";
}

const SERVICE = "mongodb-atlas";
const DATABASE = "todo";

export class TodoApp {
  readonly realm: Realm.App;

  constructor(appId: string, baseUrl?: string) {
    this.realm = new Realm.App(baseUrl ? { id: appId, baseUrl } : { id: appId });
  }

  private get user(): Realm.User {
    const user = this.realm.currentUser;
    if (!user) throw new Error("Not signed in");
    return user;
  }

  private items() {
    return this.user.mongoClient(SERVICE).db(DATABASE).collection<TodoItem>("items");
  }

  /** Registers an account and signs in with it. */
  async signUp(email: string, password: string): Promise<Realm.User> {
    await this.realm.emailPasswordAuth.registerUser({ email, password });
    return this.signIn(email, password);
  }

  signIn(email: string, password: string): Promise<Realm.User> {
    return this.realm.logIn(Realm.Credentials.emailPassword(email, password));
  }

  /** Preferences live in custom user data; the default theme is light. */
  get preferences(): Preferences {
    const theme = this.user.customData.theme;
    return { theme: theme === "dark" ? "dark" : "light" };
  }

  /** Writes the user's own custom data document, then refreshes the token that carries it. */
  async setTheme(theme: Preferences["theme"]): Promise<Preferences> {
    await this.user
      .mongoClient(SERVICE)
      .db(DATABASE)
      .collection("preferences")
      .updateOne({ userId: this.user.id }, { $set: { theme } }, { upsert: true });
    await this.user.refreshCustomData();
    return this.preferences;
  }

  async addTodo(text: string): Promise<Realm.BSON.ObjectId> {
    const { insertedId } = await this.items().insertOne({ owner: this.user.id, text, done: false });
    return insertedId as Realm.BSON.ObjectId;
  }

  async complete(id: Realm.BSON.ObjectId): Promise<void> {
    await this.items().updateOne({ _id: id }, { $set: { done: true } });
  }

  listTodos(): Promise<TodoItem[]> {
    return this.items().find({ owner: this.user.id }, { sort: { text: 1 } });
  }

  /** A server function computes the summary. */
  summary(): Promise<{ open: number; done: number }> {
    return this.user.callFunction("todoSummary");
  }

  signOut(): Promise<void> {
    return this.user.logOut();
  }
}
