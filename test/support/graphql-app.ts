import { ObjectId } from "bson";
import type { CollectionSchema, GraphqlOptions, MockAppOptions } from "../../src/index.js";

// A realistic example app for the GraphQL API: the worked example of ../shared/spec/graphql-api.md §12 (tasks)
// plus users and projects linked by relationships, a schema-less collection and custom resolvers.

export const ADA = "65a0000000000000000000a1";
export const BOB = "65a0000000000000000000b2";
export const TASK = (n: number) => `665f0000000000000000000${n}`;
export const PROJECT = "665f000000000000000000a1";

const tasks: CollectionSchema = {
  service: "mongodb-atlas",
  database: "todo",
  collection: "tasks",
  schema: {
    title: "Task",
    bsonType: "object",
    required: ["name", "status"],
    properties: {
      _id: { bsonType: "objectId" },
      name: { bsonType: "string" },
      status: { bsonType: "string" },
      priority: { bsonType: "int" },
      done: { bsonType: "bool" },
      dueDate: { bsonType: "date" },
      tags: { bsonType: "array", items: { bsonType: "string" } },
      owner: {
        bsonType: "object",
        properties: { name: { bsonType: "string" }, email: { bsonType: "string" } },
      },
    },
  },
};

const people: CollectionSchema = {
  service: "mongodb-atlas",
  database: "todo",
  collection: "people",
  schema: {
    title: "people",
    bsonType: "object",
    required: ["name"],
    properties: {
      _id: { bsonType: "objectId" },
      name: { bsonType: "string" },
      email: { bsonType: "string" },
      avatar: { bsonType: "binData" },
    },
  },
};

const projects: CollectionSchema = {
  service: "mongodb-atlas",
  database: "todo",
  collection: "projects",
  schema: {
    bsonType: "object",
    required: ["name"],
    properties: {
      _id: { bsonType: "objectId" },
      name: { bsonType: "string" },
      lead: { bsonType: "objectId" },
      taskIds: { bsonType: "array", items: { bsonType: "objectId" } },
      budget: { bsonType: "decimal" },
      views: { bsonType: "long" },
      "Created at": { bsonType: "date" },
      milestones: {
        bsonType: "array",
        items: {
          bsonType: "object",
          properties: { title: { bsonType: "string" }, due: { bsonType: "date" } },
        },
      },
    },
  },
  relationships: {
    lead: {
      ref: "#/relationship/mongodb-atlas/todo/people",
      source_key: "lead",
      foreign_key: "_id",
      is_list: false,
    },
    taskIds: {
      ref: "#/relationship/mongodb-atlas/todo/tasks",
      source_key: "taskIds",
      foreign_key: "_id",
      is_list: true,
    },
  },
};

/** A collection exported without a schema (`schema.json` is `{}`): left out of the API with a warning. */
const logs: CollectionSchema = { service: "mongodb-atlas", database: "todo", collection: "logs", schema: {} };

export const schemas: readonly CollectionSchema[] = [tasks, people, projects, logs];

export const graphql: GraphqlOptions = {
  use_natural_pluralization: true,
  custom_resolvers: [
    {
      field_name: "taskSummary",
      on_type: "Query",
      function_name: "taskSummary",
      payload_type: {
        title: "TaskSummaries",
        bsonType: "object",
        properties: { open: { bsonType: "int" }, done: { bsonType: "int" }, caller: { bsonType: "string" } },
      },
      payload_type_format: "custom",
    },
    {
      field_name: "completeTask",
      on_type: "Mutation",
      function_name: "completeTask",
      input_type: "objectId",
      input_type_format: "scalar",
      payload_type: "Task",
      payload_type_format: "generated",
    },
    {
      field_name: "openTaskCount",
      on_type: "Project",
      function_name: "openTaskCount",
      payload_type: "int",
      payload_type_format: "scalar",
    },
    {
      field_name: "archiveTasks",
      on_type: "Mutation",
      function_name: "archiveTasks",
      input_type: {
        title: "ArchiveInput",
        bsonType: "object",
        properties: { status: { bsonType: "string" } },
      },
      input_type_format: "custom",
    },
  ],
};

const oid = (hex: string) => new ObjectId(hex);

/** The seed of §12 plus people and one project. */
export const data: MockAppOptions["data"] = {
  "mongodb-atlas": {
    todo: {
      tasks: [
        { _id: oid(TASK(1)), name: "Write spec", status: "open", priority: 3, tags: ["docs"] },
        { _id: oid(TASK(2)), name: "Fix bug", status: "open", priority: 5, done: false },
        { _id: oid(TASK(3)), name: "Ship", status: "done", priority: 1 },
      ],
      people: [
        { _id: oid(ADA), name: "Ada", email: "ada@example.com" },
        { _id: oid(BOB), name: "Bob" },
      ],
      projects: [
        {
          _id: oid(PROJECT),
          name: "Launch",
          lead: oid(ADA),
          taskIds: [oid(TASK(2)), oid(TASK(1)), oid("665f00000000000000000099")],
          views: 12,
          "Created at": new Date("2025-01-02T03:04:05.678Z"),
          milestones: [{ title: "Beta", due: new Date("2025-03-01T00:00:00Z") }],
        },
      ],
      logs: [{ at: 1 }],
    },
  },
};
