import { Decimal128, Long, ObjectId } from "bson";
import {
  buildClientSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  printSchema,
  printType,
} from "graphql";
import { ClientError, GraphQLClient, gql } from "graphql-request";
import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import {
  createManualClock,
  createMockApp,
  type FunctionContext,
  type MockApp,
  type MockFunction,
} from "../../src/index.js";
import { ADA, data, graphql, PROJECT, schemas, TASK } from "../support/graphql-app.js";
import { server } from "../support/msw-server.js";
import { realmApp, serve } from "../support/realm.js";

const clock = createManualClock(Date.parse("2026-01-01T00:00:00Z"));
const warnings: string[] = [];
const functions: Record<string, MockFunction> = {
  taskSummary: async (context: FunctionContext) => {
    const tasks = context.services.get("mongodb-atlas").db("todo").collection("tasks");
    return {
      open: await tasks.count({ status: "open" }),
      done: await tasks.count({ status: "done" }),
      caller: context.user.id,
    };
  },
  completeTask: {
    private: true,
    handler: async (context: FunctionContext, id: ObjectId) => {
      const tasks = context.services.get("mongodb-atlas").db("todo").collection("tasks");
      await tasks.updateOne({ _id: id }, { $set: { done: true, status: "done" } });
      return tasks.findOne({ _id: id });
    },
  },
  openTaskCount: async (context: FunctionContext, project: { taskIds: ObjectId[] }) =>
    context.services
      .get("mongodb-atlas")
      .db("todo")
      .collection("tasks")
      .count({ _id: { $in: project.taskIds }, status: "open" }),
  archiveTasks: (_context: unknown, input: { status: string }) => {
    if (input.status === "forbidden") throw new Error("cannot archive those");
    return { archived: true };
  },
};
const options = {
  clock,
  users: [{ id: ADA, email: "ada@example.com", password: "password1" }],
  providers: {
    "local-userpass": true,
    "api-key": true,
    "custom-token": { signingKeys: ["a-very-long-signing-secret-of-32-chars"] },
  },
  schemas,
  graphql,
  data,
  functions,
  logger: { warn: (message: string) => warnings.push(message) },
};
const mock = createMockApp({ id: "graphql-app", ...options });
const closed = createMockApp({
  id: "graphql-closed",
  ...options,
  graphql: { ...graphql, disable_schema_introspection: true },
});
serve(mock, closed);

const endpoint = (app: MockApp) => `${app.baseUrl}/api/client/v2.0/app/${app.id}/graphql`;

/** A realm-web user and a graphql-request client sending its current access token, as the surveyed apps do. */
async function login(app: MockApp = mock) {
  const user = await realmApp(app).logIn(Realm.Credentials.emailPassword("ada@example.com", "password1"));
  const client = new GraphQLClient(endpoint(app), {
    headers: () => ({ authorization: `Bearer ${user.accessToken}` }),
  });
  return { user, client };
}

/** Awaits a graphql-request call that must fail and returns its ClientError (status, errors, data). */
async function clientError(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClientError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

const tasks = () => mock.service("mongodb-atlas").db("todo").collection("tasks");
const oid = (hex: string) => new ObjectId(hex);

describe("the generated schema", () => {
  it("matches the snapshot, read through introspection", async () => {
    const { client } = await login();
    const result = await client.request<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(result);
    await expect(`${printSchema(schema)}\n`).toMatchFileSnapshot("__snapshots__/graphql-app.graphql");
    // The worked example of the reference, type by type.
    expect(printType(schema.getType("Task") ?? schema.getQueryType()!)).toBe(
      [
        "type Task {",
        "  _id: ObjectId",
        "  done: Boolean",
        "  dueDate: DateTime",
        "  name: String!",
        "  owner: TaskOwner",
        "  priority: Int",
        "  status: String!",
        "  tags: [String]",
        "}",
      ].join("\n"),
    );
    const sortBy = schema.getType("TaskSortByInput");
    expect(sortBy && printType(sortBy)).toContain("_ID_ASC\n  _ID_DESC\n  DUEDATE_ASC");
    expect(sortBy && printType(sortBy)).not.toContain("DONE_");
    const update = schema.getType("TaskUpdateInput");
    expect(update && printType(update)).toContain("priority_inc: Int");
    expect(update && printType(update)).not.toContain("name_inc");
    expect(printType(schema.getMutationType()!)).toContain(
      "insertManyPeople(data: [PersonInsertInput!]!): InsertManyPayload",
    );
    expect(printType(schema.getType("ProjectLeadRelationInput")!)).toBe(
      "input ProjectLeadRelationInput {\n  link: ObjectId\n  create: PersonInsertInput\n}",
    );
  });

  it("leaves a schema-less collection out, with a warning", async () => {
    expect(warnings.some((w) => w.includes("todo.logs") && w.includes("left out of the GraphQL API"))).toBe(
      true,
    );
    const { client } = await login();
    const error = await clientError(client.request("{ logs { _id } }"));
    expect(error.response.errors?.[0]?.message).toBe('Cannot query field "logs" on type "Query".');
  });

  it("refuses an invalid schema at createMockApp, naming the collection and field", () => {
    const bad = {
      service: "mongodb-atlas",
      database: "todo",
      collection: "bad",
      schema: { properties: { x: 5 } },
    };
    expect(() => createMockApp({ schemas: [bad] })).toThrow(
      /todo\.bad\.x: a field's schema must be an object/,
    );
    const dangling = {
      ...bad,
      schema: { properties: { other: { bsonType: "objectId" } } },
      relationships: {
        other: {
          ref: "#/relationship/mongodb-atlas/todo/none",
          foreign_key: "_id",
          is_list: false,
          source_key: "other",
        },
      },
    };
    expect(() => createMockApp({ schemas: [dangling] })).toThrow(
      /todo\.bad\.other: .*todo\/none has no schema/,
    );
  });
});

describe("generated queries", () => {
  it("filters, sorts and limits (the reference's example A)", async () => {
    const { client } = await login();
    const result = await client.request(
      gql`query Open($s: String!) { tasks(query: {status: $s, priority_gte: 2}, sortBy: PRIORITY_DESC, limit: 10) { _id name priority done } }`,
      { s: "open" },
    );
    expect(result).toEqual({
      tasks: [
        { _id: TASK(2), name: "Fix bug", priority: 5, done: false },
        { _id: TASK(1), name: "Write spec", priority: 3, done: null },
      ],
    });
  });

  it("reads one document or null, and applies the operators", async () => {
    const { client } = await login();
    const names = async (query: string) =>
      ((await client.request(`{ tasks(${query}) { name } }`)) as { tasks: { name: string }[] }).tasks.map(
        (t) => t.name,
      );
    expect(await client.request(`{ task(query: {_id: "${TASK(3)}"}) { name status } }`)).toEqual({
      task: { name: "Ship", status: "done" },
    });
    expect(await client.request(`{ task(query: {name: "nope"}) { name } }`)).toEqual({ task: null });
    expect(await names("sortBy: NAME_ASC")).toEqual(["Fix bug", "Ship", "Write spec"]);
    expect(await names("sortBy: NAME_ASC, limit: 2")).toEqual(["Fix bug", "Ship"]);
    expect(await names(`query: {name_in: ["Ship", "Fix bug"]}, sortBy: PRIORITY_ASC`)).toEqual([
      "Ship",
      "Fix bug",
    ]);
    expect(await names(`query: {done_exists: true}`)).toEqual(["Fix bug"]);
    expect(await names(`query: {tags_in: ["docs"]}`)).toEqual(["Write spec"]);
    expect(await names(`query: {OR: [{priority_lt: 2}, {priority_gt: 4}]}, sortBy: PRIORITY_ASC`)).toEqual([
      "Ship",
      "Fix bug",
    ]);
    expect(await names(`query: {AND: [{status_ne: "done"}, {name_lte: "G"}]}`)).toEqual(["Fix bug"]);
  });

  it("compares Long and ObjectId values", async () => {
    const { client } = await login();
    expect(await client.request(`{ projects(query: {views_gt: 5}) { name } }`)).toEqual({
      projects: [{ name: "Launch" }],
    });
    expect(await client.request(`{ projects(query: {views_lte: "11"}) { name } }`)).toEqual({ projects: [] });
    expect(
      await client.request(`{ tasks(query: {_id_gt: "${TASK(1)}"}, sortBy: _ID_DESC) { _id } }`),
    ).toEqual({
      tasks: [{ _id: TASK(3) }, { _id: TASK(2) }],
    });
  });

  it("filters embedded objects and dates", async () => {
    const { client } = await login();
    await tasks().updateOne(
      { _id: oid(TASK(1)) },
      { $set: { owner: { name: "Ann" }, dueDate: new Date("2025-02-01T00:00:00Z") } },
    );
    expect(
      await client.request(`{ tasks(query: {owner: {name: "Ann"}}) { name owner { name email } dueDate } }`),
    ).toEqual({
      tasks: [
        { name: "Write spec", owner: { name: "Ann", email: null }, dueDate: "2025-02-01T00:00:00.000Z" },
      ],
    });
    expect(await client.request(`{ tasks(query: {dueDate_gt: "2025-01-31T00:00:00Z"}) { name } }`)).toEqual({
      tasks: [{ name: "Write spec" }],
    });
  });
});

describe("generated mutations", () => {
  it("inserts one document (the reference's example B)", async () => {
    const { client } = await login();
    const result = (await client.request(
      `mutation { insertOneTask(data: {name: "Review", status: "open", dueDate: "2025-01-31T00:00:00Z", owner: {name: "Ann"}}) { _id name dueDate owner { name email } } }`,
    )) as { insertOneTask: { _id: string } };
    expect(result.insertOneTask).toMatchObject({
      name: "Review",
      dueDate: "2025-01-31T00:00:00.000Z",
      owner: { name: "Ann", email: null },
    });
    const stored = await tasks().findOne({ _id: oid(result.insertOneTask._id) });
    expect(stored?.dueDate).toEqual(new Date("2025-01-31T00:00:00Z"));
    expect(stored?.owner).toEqual({ name: "Ann" });
  });

  it("refuses an insert without a required field, with a GraphQL error", async () => {
    const { client } = await login();
    const error = await clientError(client.request(`mutation { insertOneTask(data: {name: "x"}) { _id } }`));
    expect(error.response.status).toBe(200);
    expect(error.response.errors?.[0]?.message).toMatch(/status.*required/);
    expect(await tasks().count()).toBe(3);
  });

  it("inserts many and returns their ids", async () => {
    const { client } = await login();
    const result = (await client.request(
      `mutation($data: [TaskInsertInput!]!) { insertManyTasks(data: $data) { insertedIds } }`,
      {
        data: [
          { name: "a", status: "open" },
          { name: "b", status: "open", priority: 2 },
        ],
      },
    )) as { insertManyTasks: { insertedIds: string[] } };
    expect(result.insertManyTasks.insertedIds).toHaveLength(2);
    expect(await tasks().count({ _id: { $in: result.insertManyTasks.insertedIds.map(oid) } })).toBe(2);
  });

  it("updates many with set and inc (the reference's example C)", async () => {
    const { client } = await login();
    expect(
      await client.request(
        `mutation { updateManyTasks(query: {status: "open"}, set: {priority_inc: 1, tags: ["triaged"]}) { matchedCount modifiedCount } }`,
      ),
    ).toEqual({ updateManyTasks: { matchedCount: 2, modifiedCount: 2 } });
    const open = await tasks().find({ status: "open" }, { sort: { priority: 1 } });
    expect(open.map((t) => [t.priority, t.tags])).toEqual([
      [4, ["triaged"]],
      [6, ["triaged"]],
    ]);
  });

  it("updates one (post-image), unsets, and answers null without a match", async () => {
    const { client } = await login();
    expect(
      await client.request(
        `mutation { updateOneTask(query: {name: "Write spec"}, set: {status: "done", tags_unset: true, owner: {email: "a@x"}}) { name status tags owner { email } } }`,
      ),
    ).toEqual({ updateOneTask: { name: "Write spec", status: "done", tags: null, owner: { email: "a@x" } } });
    expect(await tasks().findOne({ _id: oid(TASK(1)) })).not.toHaveProperty("tags");
    expect(
      await client.request(`mutation { updateOneTask(query: {name: "nope"}, set: {status: "x"}) { name } }`),
    ).toEqual({
      updateOneTask: null,
    });
  });

  it("upserts: replaces a match, inserts otherwise", async () => {
    const { client } = await login();
    expect(
      await client.request(
        `mutation { upsertOneTask(query: {name: "Ship"}, data: {name: "Ship it", status: "open"}) { _id name priority } }`,
      ),
    ).toEqual({ upsertOneTask: { _id: TASK(3), name: "Ship it", priority: null } });
    const inserted = (await client.request(
      `mutation { upsertOneTask(query: {name: "New"}, data: {name: "New", status: "open"}) { _id name } }`,
    )) as { upsertOneTask: { _id: string; name: string } };
    expect(inserted.upsertOneTask.name).toBe("New");
    expect(await tasks().count()).toBe(4);
  });

  it("replaces one, deletes one, deletes many", async () => {
    const { client } = await login();
    expect(
      await client.request(
        `mutation { replaceOneTask(query: {_id: "${TASK(2)}"}, data: {name: "Fixed", status: "done"}) { _id name done } }`,
      ),
    ).toEqual({ replaceOneTask: { _id: TASK(2), name: "Fixed", done: null } });
    expect(await client.request(`mutation { deleteOneTask(query: {name: "Ship"}) { name } }`)).toEqual({
      deleteOneTask: { name: "Ship" },
    });
    expect(await tasks().count()).toBe(2);
    expect(await client.request("mutation { deleteManyTasks { deletedCount } }")).toEqual({
      deleteManyTasks: { deletedCount: 2 },
    });
    expect(await tasks().count()).toBe(0);
  });

  it("runs a request's mutations as one transaction: a failing field undoes the earlier ones", async () => {
    const { client } = await login();
    const error = await clientError(
      client.request(
        `mutation { a: insertOneTask(data: {name: "kept?", status: "open"}) { _id } b: insertOneTask(data: {_id: "${TASK(1)}", name: "dup", status: "open"}) { _id } }`,
      ),
    );
    expect(error.response.data).toBeNull();
    expect(error.response.errors?.[0]?.message).toMatch(/duplicate key/i);
    expect(await tasks().count()).toBe(3);
  });

  it("stores Long and decimal fields as their BSON types", async () => {
    const { client } = await login();
    const result = await client.request(
      `mutation { insertOneProject(data: {name: "Big", views: "9007199254740993", budget: 12.5}) { name views budget } }`,
    );
    expect(result).toEqual({ insertOneProject: { name: "Big", views: "9007199254740993", budget: 12.5 } });
    const stored = await mock
      .service("mongodb-atlas")
      .db("todo")
      .collection("projects")
      .findOne({ name: "Big" });
    expect(stored?.views).toBeInstanceOf(Long);
    expect(stored?.budget).toBeInstanceOf(Decimal128);
  });
});

describe("relationships", () => {
  it("resolves to-one and to-many fields in source order, leaving out missing documents", async () => {
    const { client } = await login();
    expect(
      await client.request(
        `{ project(query: {_id: "${PROJECT}"}) { name CreatedAt views lead { name } taskIds { name } milestones { title due } } }`,
      ),
    ).toEqual({
      project: {
        name: "Launch",
        CreatedAt: "2025-01-02T03:04:05.678Z",
        views: 12,
        lead: { name: "Ada" },
        taskIds: [{ name: "Fix bug" }, { name: "Write spec" }],
        milestones: [{ title: "Beta", due: "2025-03-01T00:00:00.000Z" }],
      },
    });
  });

  it("filters by related documents", async () => {
    const { client } = await login();
    expect(await client.request(`{ projects(query: {lead: {name: "Ada"}}) { name } }`)).toEqual({
      projects: [{ name: "Launch" }],
    });
    expect(await client.request(`{ projects(query: {lead: {name: "Bob"}}) { name } }`)).toEqual({
      projects: [],
    });
    expect(await client.request(`{ projects(query: {taskIds: [{name: "Fix bug"}]}) { name } }`)).toEqual({
      projects: [{ name: "Launch" }],
    });
  });

  it("links existing documents and creates new ones through the relation inputs", async () => {
    const { client } = await login();
    const result = await client.request(
      `mutation { insertOneProject(data: {name: "P2", lead: {link: "65a0000000000000000000b2"}, taskIds: {create: [{name: "T1", status: "open"}]}}) { lead { name } taskIds { name status } } }`,
    );
    expect(result).toEqual({
      insertOneProject: { lead: { name: "Bob" }, taskIds: [{ name: "T1", status: "open" }] },
    });
    expect(await tasks().count({ name: "T1" })).toBe(1);
  });
});

describe("custom resolvers", () => {
  it("calls the named functions as the user: query, mutation with input, computed property, default payload", async () => {
    const { user, client } = await login();
    expect(await client.request("{ taskSummary { open done caller } }")).toEqual({
      taskSummary: { open: 2, done: 1, caller: user.id },
    });
    expect(
      await client.request(`mutation { completeTask(input: "${TASK(1)}") { name done status } }`),
    ).toEqual({
      completeTask: { name: "Write spec", done: true, status: "done" },
    });
    expect(await client.request(`{ project { openTaskCount } }`)).toEqual({ project: { openTaskCount: 1 } });
    expect(await client.request(`mutation { archiveTasks(input: {status: "done"}) { status } }`)).toEqual({
      archiveTasks: { status: "complete" },
    });
    expect(mock.events.list({ type: "function-called" }).map((e) => [e.name, e.userId])).toEqual([
      ["taskSummary", user.id],
      ["completeTask", user.id],
      ["openTaskCount", user.id],
      ["archiveTasks", user.id],
    ]);
  });

  it("answers a throwing function with a GraphQL error and data null", async () => {
    const { client } = await login();
    const error = await clientError(
      client.request(`mutation { archiveTasks(input: {status: "forbidden"}) { status } }`),
    );
    expect(error.response.status).toBe(200);
    expect(error.response.data).toBeNull();
    expect(error.response.errors).toEqual([
      { message: "cannot archive those", locations: [{ line: 1, column: 12 }] },
    ]);
  });
});

describe("authentication", () => {
  it("answers an expired access token with 401 InvalidSession; refreshed through realm-web, the retry succeeds", async () => {
    const { user, client } = await login();
    clock.advance(31 * 60 * 1000);
    const error = await clientError(client.request("{ tasks { name } }"));
    expect(error.response.status).toBe(401);
    const body = (error.response as { body?: string }).body ?? "{}";
    expect(JSON.parse(body)).toMatchObject({ error_code: "InvalidSession" });
    await user.refreshCustomData();
    expect(await client.request("{ task(query: {priority: 1}) { name } }")).toEqual({
      task: { name: "Ship" },
    });
  });

  it("answers a request without credentials with 401", async () => {
    const error = await clientError(new GraphQLClient(endpoint(mock)).request("{ tasks { name } }"));
    expect(error.response.status).toBe(401);
  });

  it("accepts the email/password and apiKey credential headers", async () => {
    const byPassword = new GraphQLClient(endpoint(mock), {
      headers: { email: "ada@example.com", password: "password1" },
    });
    expect(await byPassword.request("{ task(query: {priority: 5}) { name } }")).toEqual({
      task: { name: "Fix bug" },
    });
    const wrong = new GraphQLClient(endpoint(mock), {
      headers: { email: "ada@example.com", password: "nope" },
    });
    expect((await clientError(wrong.request("{ tasks { name } }"))).response.status).toBe(401);
    const { user } = await login();
    const key = await user.apiKeys.create("ci");
    const byKey = new GraphQLClient(endpoint(mock), { headers: { apiKey: String(key.key) } });
    expect(await byKey.request("{ taskSummary { caller } }")).toEqual({ taskSummary: { caller: user.id } });
  });

  it("accepts the jwtTokenString header for a user who logged in with that JWT before", async () => {
    const jwt = await mock.tokens.customJwt({ sub: "ext-1" });
    const byJwt = new GraphQLClient(endpoint(mock), { headers: { jwtTokenString: jwt } });
    expect((await clientError(byJwt.request("{ taskSummary { caller } }"))).response.status).toBe(401);
    const user = await realmApp(mock).logIn(Realm.Credentials.jwt(jwt));
    expect(await byJwt.request("{ taskSummary { caller } }")).toEqual({ taskSummary: { caller: user.id } });
  });
});

describe("protocol", () => {
  it("answers syntax and validation errors with 200, data null and locations", async () => {
    const { client } = await login();
    const unknown = await clientError(client.request("{ tasks { nope } }"));
    expect(unknown.response.status).toBe(200);
    expect(unknown.response.data).toBeNull();
    expect(unknown.response.errors).toEqual([
      {
        message: 'Cannot query field "nope" on type "Task". Did you mean "done" or "name"?',
        locations: [{ line: 1, column: 11 }],
      },
    ]);
    const syntax = await clientError(client.request("{ tasks { name }"));
    expect(syntax.response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Syntax Error/) });
    const wrongType = await clientError(client.request(`{ tasks(limit: "x") { name } }`));
    expect(wrongType.response.errors?.[0]?.message).toMatch(/Int cannot represent/);
  });

  it("reads variables given as a JSON string, picks operationName, refuses GET and non-JSON bodies", async () => {
    const { user } = await login();
    const post = (body: string) =>
      fetch(endpoint(mock), {
        method: "POST",
        headers: { authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" },
        body,
      });
    const reply = await post(
      JSON.stringify({
        query: "query A($p: Int) { tasks(query: {priority: $p}) { name } } query B { task { _id } }",
        variables: JSON.stringify({ p: 1 }),
        operationName: "A",
      }),
    );
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ data: { tasks: [{ name: "Ship" }] } });
    const bad = await post("not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error_code: "BadRequest" });
    const get = await fetch(`${endpoint(mock)}?query=%7Btasks%7Bname%7D%7D`, {
      headers: { authorization: `Bearer ${user.accessToken}` },
    });
    expect(get.status).toBe(405);
  });

  it("serves introspection unless disable_schema_introspection", async () => {
    const open = await login();
    expect(await open.client.request("{ __schema { queryType { name } } }")).toEqual({
      __schema: { queryType: { name: "Query" } },
    });
    const { client } = await login(closed);
    const error = await clientError(client.request("{ __schema { queryType { name } } }"));
    expect(error.response.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect(await client.request("{ task(query: {priority: 1}) { name } }")).toEqual({
      task: { name: "Ship" },
    });
  });

  it("enforces the resolver limit of one operation", async () => {
    const { client } = await login();
    const fields = Array.from({ length: 11 }, (_, i) => `t${i}: task { _id }`).join(" ");
    const error = await clientError(client.request(`{ ${fields} }`));
    expect(error.response.errors?.[0]?.message).toBe("max number of queries reached");
    expect(await client.request(`{ ${fields.split(" t10")[0]} }`)).toHaveProperty("t9");
  });

  it("enforces the relationship depth limit of 5", async () => {
    const node = (n: number) => ({ _id: `n${n}`, parent: `n${n + 1}` });
    const chain = createMockApp({
      id: "graphql-depth",
      users: [{ email: "ada@example.com", password: "password1" }],
      data: { "mongodb-atlas": { db: { nodes: Array.from({ length: 8 }, (_, i) => node(i)) } } },
      schemas: [
        {
          service: "mongodb-atlas",
          database: "db",
          collection: "nodes",
          schema: {
            title: "Node",
            properties: { _id: { bsonType: "string" }, parent: { bsonType: "string" } },
          },
          relationships: {
            parent: {
              ref: "#/relationship/mongodb-atlas/db/nodes",
              source_key: "parent",
              foreign_key: "_id",
              is_list: false,
            },
          },
        },
      ],
    });
    server.use(...chain.handlers);
    const { client } = await login(chain);
    const nested = (depth: number): string => (depth === 0 ? "_id" : `_id parent { ${nested(depth - 1)} }`);
    expect(await client.request(`{ node(query: {_id: "n0"}) { ${nested(5)} } }`)).toHaveProperty(
      "node.parent.parent.parent.parent.parent._id",
      "n5",
    );
    const error = await clientError(client.request(`{ node(query: {_id: "n0"}) { ${nested(6)} } }`));
    expect(error.response.errors?.[0]?.message).toBe("max relationship depth exceeded");
    chain.close();
  });

  it("journals each request: graphql-executed with operation name, type, user and errors", async () => {
    const { user, client } = await login();
    mock.events.clear();
    await client.request("query Names { tasks { name } }");
    await client.request(`mutation Add { insertOneTask(data: {name: "n", status: "open"}) { _id } }`);
    await clientError(client.request("{ nope }"));
    expect(
      mock.events
        .list()
        .map((e) =>
          e.type === "graphql-executed"
            ? [e.type, e.operationName, e.operationType, e.userId, e.errors.length]
            : [e.type],
        ),
    ).toEqual([
      ["graphql-executed", "Names", "query", user.id, 0],
      ["mongodb-write"],
      ["graphql-executed", "Add", "mutation", user.id, 0],
      ["graphql-executed", null, "query", user.id, 1],
    ]);
  });
});
