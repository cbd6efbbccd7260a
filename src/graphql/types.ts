// What the GraphQL API is generated from, in the shape of an exported app's files
// (../shared/spec/graphql-api.md §2, §6, §7, §8). The contract between the app loader and the GraphQL engine.

/** A collection's JSON schema (`schema.json`, with `bsonType`). Kept loose: it is validated when the API is built. */
export type CollectionJsonSchema = Readonly<Record<string, unknown>>;

/** One entry of `relationships.json`. */
export interface Relationship {
  /** `#/relationship/<service>/<db>/<collection>` */
  readonly ref: string;
  readonly source_key: string;
  readonly foreign_key: string;
  readonly is_list: boolean;
}

/** The schema (and relationships) of one collection. */
export interface CollectionSchema {
  readonly service: string;
  readonly database: string;
  readonly collection: string;
  readonly schema: CollectionJsonSchema;
  readonly relationships?: Readonly<Record<string, Relationship>>;
}

/** `graphql/custom_resolvers/*.json`. */
export interface CustomResolverConfig {
  readonly field_name: string;
  readonly on_type: string;
  readonly function_name: string;
  readonly input_type?: string | CollectionJsonSchema | null;
  readonly input_type_format?: string;
  readonly payload_type?: string | CollectionJsonSchema | null;
  readonly payload_type_format?: string;
}

/** `graphql/config.json` plus the custom resolvers. */
export interface GraphqlOptions {
  readonly use_natural_pluralization?: boolean;
  readonly disable_schema_introspection?: boolean;
  readonly custom_resolvers?: readonly CustomResolverConfig[];
}
