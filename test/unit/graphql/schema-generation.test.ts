import { printType } from "graphql";
import { describe, expect, it } from "vitest";
import { collectionNames, graphqlFieldName, typeNameOf } from "../../../src/graphql/naming.js";
import { buildGraphqlApi } from "../../../src/graphql/schema.js";
import type { CollectionSchema, CustomResolverConfig } from "../../../src/index.js";

const quiet = { warn: () => undefined };
const collection = (schema: Record<string, unknown>, name = "items"): CollectionSchema => ({
  service: "mongodb-atlas",
  database: "db",
  collection: name,
  schema,
});
const build = (schemas: CollectionSchema[], resolvers: CustomResolverConfig[] = [], natural = true) =>
  buildGraphqlApi(
    { schemas, graphql: { use_natural_pluralization: natural, custom_resolvers: resolvers } },
    quiet,
  );

describe("naming", () => {
  it("singularises titles and upper-cases the first letter, as real generated schemas show", () => {
    expect(
      ["subscription", "checklists", "history_incident", "taxa", "UserAdminData"].map(typeNameOf),
    ).toEqual(["Subscription", "Checklist", "History_incident", "Taxa", "UserAdminDatum"]);
  });

  it("pluralises naturally, else (or when unchanged) appends s", () => {
    expect(collectionNames("Entity", true)).toEqual({
      type: "Entity",
      singular: "entity",
      plural: "entities",
    });
    expect(collectionNames("Taxa", true).plural).toBe("taxas");
    expect(collectionNames("Mouse", true).plural).toBe("mice");
    expect(collectionNames("Mouse", false).plural).toBe("mouses");
  });

  it("makes GraphQL names of stored keys", () => {
    expect(graphqlFieldName("Alleged deployer of AI system")).toBe("AllegedDeployerOfAISystem");
    expect(graphqlFieldName("incident_id")).toBe("incident_id");
    expect(graphqlFieldName("2nd-place")).toBe("ndPlace");
    expect(graphqlFieldName("__hidden")).toBeUndefined();
  });
});

describe("schema generation", () => {
  it("names embedded types <Parent><Field> (singular), also for arrays of objects, and keeps their required", () => {
    const { schema } = build([
      collection({
        title: "checklists",
        properties: {
          risks: {
            bsonType: "array",
            items: {
              bsonType: "object",
              required: ["title"],
              properties: {
                title: { bsonType: "string" },
                precedents: {
                  bsonType: "array",
                  items: { bsonType: "object", properties: { id: { bsonType: "int" } } },
                },
              },
            },
          },
          blob: { bsonType: "binData" },
        },
      }),
    ]);
    const type = schema?.getType("Checklist");
    expect(type && printType(type)).toBe("type Checklist {\n  risks: [ChecklistRisk]\n}");
    const risk = schema?.getType("ChecklistRisk");
    expect(risk && printType(risk)).toBe(
      "type ChecklistRisk {\n  precedents: [ChecklistRiskPrecedent]\n  title: String!\n}",
    );
  });

  it("warns about collections of the seed data or rules that have no schema", () => {
    const warnings: string[] = [];
    const api = buildGraphqlApi(
      {
        schemas: [collection({ title: "Item", properties: { a: { bsonType: "int" } } })],
        data: { "mongodb-atlas": { db: { items: [], events: [] } } },
        rules: { "mongodb-atlas": { collections: [{ database: "db", collection: "audit", roles: [] }] } },
      },
      { warn: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([
      "Collection mongodb-atlas/db/events has no schema; it is left out of the GraphQL API.",
      "Collection mongodb-atlas/db/audit has no schema; it is left out of the GraphQL API.",
    ]);
    expect(Object.keys(api.schema?.getQueryType()?.getFields() ?? {})).toEqual(["item", "items"]);
  });

  it("throws for invalid schemas, relationships and custom resolvers, naming where", () => {
    expect(() => build([collection({ bsonType: "string", properties: { a: { bsonType: "int" } } })])).toThrow(
      /db\.items: bsonType must be "object"/,
    );
    expect(() => build([collection({ properties: { a: { bsonType: "int" } }, required: "a" })])).toThrow(
      /db\.items: required must be a list/,
    );
    const ok = collection({ title: "Item", properties: { a: { bsonType: "int" } } });
    expect(() => build([ok, { ...ok, collection: "other" }])).toThrow(/type name "Item"/);
    expect(() =>
      build([
        { ...ok, relationships: { a: { ref: "nope", foreign_key: "_id", is_list: false, source_key: "a" } } },
      ]),
    ).toThrow(/db\.items relationship "a": ref must look like/);
    const resolver = { field_name: "x", on_type: "Nope", function_name: "f" };
    expect(() => build([ok], [resolver])).toThrow(/custom_resolvers\[0\]: on_type "Nope"/);
    expect(() =>
      build(
        [ok],
        [{ ...resolver, on_type: "Query", payload_type: "Missing", payload_type_format: "generated" }],
      ),
    ).toThrow(/no generated type named "Missing"/);
  });

  it("builds custom input and payload types from inline schemas, singularised, with DefaultPayload", () => {
    const ok = collection({ title: "Item", properties: { a: { bsonType: "int" } } });
    const { schema } = build(
      [ok],
      [
        {
          field_name: "risks",
          on_type: "Query",
          function_name: "f",
          input_type: {
            title: "CreateVariantInput",
            type: "object",
            properties: { variant: { bsonType: "object", properties: { n: { bsonType: "string" } } } },
          },
          input_type_format: "custom",
          payload_type: {
            title: "RisksPayload",
            bsonType: "array",
            items: { bsonType: "object", properties: { id: { bsonType: "string" } } },
          },
          payload_type_format: "custom",
        },
        { field_name: "ping", on_type: "Mutation", function_name: "f" },
        {
          field_name: "ids",
          on_type: "Item",
          function_name: "f",
          payload_type: "objectId",
          payload_type_format: "scalar-list",
        },
      ],
    );
    expect(String(schema?.getQueryType()?.getFields().risks?.type)).toBe("[RisksPayloadItem]");
    expect(String(schema?.getQueryType()?.getFields().risks?.args[0]?.type)).toBe("CreateVariantInput");
    expect(schema?.getType("CreateVariantInputVariant")).toBeDefined();
    expect(String(schema?.getMutationType()?.getFields().ping?.type)).toBe("DefaultPayload");
    const item = schema?.getType("Item");
    expect(item && printType(item)).toContain("ids: [ObjectId]");
  });
});
