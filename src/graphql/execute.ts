import {
  type DocumentNode,
  execute,
  type GraphQLError,
  getOperationAST,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
} from "graphql";
import { AppServicesError } from "../errors.js";
import { isPlainObject } from "../mongodb/index.js";
import type { AppRuntime } from "../runtime.js";
import { createLimits, type GraphqlContext } from "./context.js";
import type { GraphqlApi } from "./schema.js";

/** A decoded GraphQL request body. */
export interface GraphqlRequest {
  readonly query: unknown;
  readonly variables: unknown;
  readonly operationName: unknown;
}

/** The wire error: message and locations (../shared/spec/graphql-api.md §1). */
interface WireError {
  message: string;
  locations?: readonly { line: number; column: number }[];
}

export interface GraphqlReply {
  readonly data: unknown;
  readonly errors?: readonly WireError[];
}

/** The body of `POST …/graphql`: a JSON object (plain JSON, not EJSON), or 400 BadRequest. */
export function decodeGraphqlBody(text: string | null): GraphqlRequest {
  let body: unknown;
  try {
    body = text === null || text === "" ? undefined : JSON.parse(text);
  } catch (error) {
    throw new AppServicesError("BadRequest", `invalid request body: ${(error as Error).message}`);
  }
  if (!isPlainObject(body)) throw new AppServicesError("BadRequest", "request body must be a JSON object");
  return { query: body.query, variables: body.variables, operationName: body.operationName };
}

const failure = (...messages: string[]): GraphqlReply => ({
  data: null,
  errors: messages.map((message) => ({ message })),
});

const wireErrors = (errors: readonly GraphQLError[]): WireError[] =>
  errors.map((e) => (e.locations ? { message: e.message, locations: e.locations } : { message: e.message }));

/** `variables` as an object: the client API sends an object, the Admin API a JSON string; both are read. */
function variablesOf(value: unknown): Record<string, unknown> | string {
  if (value === undefined || value === null) return {};
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = value === "" ? {} : JSON.parse(value);
    } catch {
      return "variables must be a JSON object";
    }
  }
  return isPlainObject(parsed) ? parsed : "variables must be a JSON object";
}

interface Outcome {
  readonly reply: GraphqlReply;
  readonly operationName: string | null;
  readonly operationType: "query" | "mutation" | "subscription" | null;
}

/**
 * Parses, validates and executes one request with graphql-js. Any error makes `data` null.
 *
 * FIDELITY: a mutation request is one transaction: when it ends with errors, the collections go back to what they
 * were before it (journal entries and watch-stream events of its writes stay). Other requests' writes made while
 * an asynchronous custom resolver ran would be undone too.
 */
async function run(
  api: GraphqlApi,
  runtime: AppRuntime,
  request: GraphqlRequest,
  context: Omit<GraphqlContext, "track">,
): Promise<Outcome> {
  const { query, operationName } = request;
  const unnamed = { operationName: null, operationType: null } as const;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") {
    return { reply: failure("operationName must be a string"), ...unnamed };
  }
  if (typeof query !== "string" || query.trim() === "") {
    return { reply: failure("Must provide query string."), ...unnamed };
  }
  const variables = variablesOf(request.variables);
  if (typeof variables === "string") return { reply: failure(variables), ...unnamed };
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { reply: { data: null, errors: wireErrors([error as GraphQLError]) }, ...unnamed };
  }
  const operation = getOperationAST(document, operationName ?? undefined);
  const named = {
    operationName: operation?.name?.value ?? (typeof operationName === "string" ? operationName : null),
    operationType: operation?.operation ?? null,
  };
  if (api.schema === null) {
    return { reply: failure("the app has no collection with a schema: its GraphQL API is empty"), ...named };
  }
  // FIDELITY: the message for refused introspection is graphql-js's; the real wording is unconfirmed.
  const rules = api.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  const invalid = validate(api.schema, document, rules);
  if (invalid.length > 0) return { reply: { data: null, errors: wireErrors(invalid) }, ...named };
  const before = runtime.state.collections;
  const result = await execute({
    schema: api.schema,
    document,
    variableValues: variables,
    operationName: operationName ?? undefined,
    contextValue: { ...context, track: createLimits() } satisfies GraphqlContext,
  });
  if (!result.errors?.length) return { reply: { data: result.data ?? null }, ...named };
  if (named.operationType === "mutation" && runtime.state.collections !== before) {
    runtime.update((s) => ({ ...s, collections: before }));
  }
  return { reply: { data: null, errors: wireErrors(result.errors) }, ...named };
}

/** Executes a request as a user and journals it (`graphql-executed`). */
export async function executeGraphql(
  api: GraphqlApi,
  runtime: AppRuntime,
  request: GraphqlRequest,
  userId: string,
  context: Omit<GraphqlContext, "track">,
): Promise<GraphqlReply> {
  const { reply, operationName, operationType } = await run(api, runtime, request, context);
  runtime.emit({
    type: "graphql-executed",
    userId,
    operationName,
    operationType,
    errors: (reply.errors ?? []).map((e) => e.message),
  });
  return reply;
}
