import * as Realm from "realm-web";
import { createMockApp, type FunctionContext, type MockApp, type MockAppOptions } from "../../src/index.js";
import type { RulesOptions } from "../../src/rules/types.js";
import { realmApp } from "./realm.js";

/** Documents of the rules tests: numeric ids, any fields. */
export type TestDoc = { _id: number; [key: string]: unknown };

export const ADA = "65a000000000000000000001"; // admin (custom data), VIP, teams red+blue
export const BO = "65a000000000000000000002"; // teams red
export const CY = "65a000000000000000000003"; // no custom data

const everything = { name: "all", apply_when: {}, read: true, write: true };

/** The rules matrix: one collection per pattern (app-config.md §7.2–7.5). */
export const MATRIX_RULES: RulesOptions = {
  "mongodb-atlas": {
    defaultRule: { roles: [{ name: "readOnly", apply_when: {}, read: true }] },
    collections: [
      {
        database: "shop",
        collection: "notes",
        roles: [{ name: "owner", apply_when: { owner_id: "%%user.id" }, read: true, write: true }],
      },
      {
        database: "shop",
        collection: "projects",
        roles: [
          {
            name: "member",
            apply_when: { "%%user.id": { "%in": "%%root.members" } },
            read: true,
            write: false,
          },
        ],
      },
      {
        database: "shop",
        collection: "orders",
        roles: [
          { name: "admin", apply_when: { "%%user.custom_data.isAdmin": true }, read: true, write: true },
          {
            name: "owner",
            apply_when: { owner_id: "%%user.id" },
            insert: true,
            delete: false,
            fields: {
              status: { read: true },
              secret: { read: false, write: false },
              address: { read: true, fields: { city: { write: true } } },
            },
            additional_fields: { read: true, write: true },
          },
        ],
      },
      // Client-forbidden: collection roles exist, none applies, and the default role is NOT tried.
      { database: "shop", collection: "audit", roles: [{ ...everything, name: "never", apply_when: false }] },
      {
        database: "shop",
        collection: "posts",
        roles: [everything],
        filters: [
          {
            name: "publishedOnly",
            apply_when: { "%%user.custom_data.isAdmin": { "%exists": false } },
            query: { published: true },
            projection: { draftNotes: 0 },
          },
        ],
      },
      {
        database: "shop",
        collection: "tickets",
        roles: [
          {
            name: "team",
            apply_when: {},
            document_filters: {
              read: { team: { "%in": "%%user.custom_data.teams" } },
              write: { assignee: "%%user.id" },
            },
            read: true,
            write: true,
          },
        ],
      },
      {
        database: "shop",
        collection: "vault",
        roles: [
          {
            ...everything,
            name: "vip",
            apply_when: { "%%true": { "%function": { name: "isVip", arguments: ["%%user.id"] } } },
          },
        ],
      },
    ],
  },
  // Rules for one namespace and no default rule: every other namespace is NoMatchingRuleFound.
  secondary: { collections: [{ database: "db", collection: "known", roles: [everything] }] },
};

const data = {
  "mongodb-atlas": {
    shop: {
      notes: [
        { _id: 1, owner_id: ADA, text: "ada's note" },
        { _id: 2, owner_id: BO, text: "bo's note" },
        { _id: 3, owner_id: BO, text: "bo's other note" },
      ],
      projects: [
        { _id: 1, name: "shared", members: [ADA, BO] },
        { _id: 2, name: "ada only", members: [ADA] },
      ],
      orders: [
        {
          _id: 1,
          owner_id: BO,
          status: "open",
          secret: "s1",
          note: "n",
          address: { city: "Lyon", zip: "69000" },
        },
        { _id: 2, owner_id: CY, status: "open", secret: "s2", note: "n" },
      ],
      audit: [{ _id: 1, event: "seeded" }],
      misc: [{ _id: 1, label: "default rule" }],
      posts: [
        { _id: 1, title: "public", published: true, draftNotes: "d1" },
        { _id: 2, title: "draft", published: false, draftNotes: "d2" },
      ],
      tickets: [
        { _id: 1, team: "red", assignee: ADA },
        { _id: 2, team: "blue", assignee: ADA },
        { _id: 3, team: "green", assignee: BO },
      ],
      vault: [{ _id: 1, gold: 100 }],
    },
  },
  plain: { db: { things: [{ _id: 1, label: "no rules here" }] } },
  secondary: { db: { known: [{ _id: 1 }], unknown: [{ _id: 1 }] } },
};

/** The app of the rules tests: three users, the matrix rules, a no-rules service, functions as user/system. */
export function createRulesApp(id: string, extra: MockAppOptions = {}): MockApp {
  return createMockApp({
    id,
    services: ["mongodb-atlas", "plain", "secondary"],
    customUserData: { database: "app", collection: "custom", userIdField: "userId" },
    users: [
      {
        id: ADA,
        email: "ada@example.com",
        password: "password1",
        customData: { isAdmin: true, teams: ["red", "blue"] },
      },
      { id: BO, email: "bo@example.com", password: "password2", customData: { teams: ["red"] } },
      { id: CY, email: "cy@example.com", password: "password3" },
    ],
    data,
    rules: MATRIX_RULES,
    functions: {
      isVip: {
        handler: (context: FunctionContext, id: string) => context.user.id === id && id === ADA,
        private: true,
      },
      listNotes: (context: FunctionContext) => notes(context).find({}),
      listNotesAsSystem: {
        handler: (context: FunctionContext) => notes(context).find({}),
        runAsSystem: true,
      },
      writeAudit: (context: FunctionContext) => audit(context).insertOne({ event: "from a user function" }),
      writeAuditAsSystem: {
        handler: (context: FunctionContext) =>
          audit(context).insertOne({ _id: 9, event: "from a system function" }),
        runAsSystem: true,
      },
      /** A user function calling a system one: the callee bypasses rules. */
      viaSystem: (context: FunctionContext) => context.functions.execute("listNotesAsSystem"),
    },
    ...extra,
  });
}

const notes = (context: FunctionContext) =>
  context.services.get("mongodb-atlas").db("shop").collection("notes");
const audit = (context: FunctionContext) =>
  context.services.get("mongodb-atlas").db("shop").collection("audit");

/** Logs a user in through realm-web. */
export async function logIn(mock: MockApp, email: string, password: string): Promise<Realm.User> {
  return realmApp(mock).logIn(Realm.Credentials.emailPassword(email, password));
}

export const PASSWORDS: Readonly<Record<string, string>> = {
  ada: "password1",
  bo: "password2",
  cy: "password3",
};

/** A realm-web collection of `shop` (or another db/service) for a named user. */
export async function collectionFor(
  mock: MockApp,
  who: "ada" | "bo" | "cy",
  collection: string,
  database = "shop",
  service = "mongodb-atlas",
) {
  const user = await logIn(mock, `${who}@example.com`, PASSWORDS[who] ?? "");
  return user.mongoClient(service).db(database).collection<TestDoc>(collection);
}
