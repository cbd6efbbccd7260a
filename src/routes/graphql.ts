import { AppServicesError } from "../errors.js";
import { functionRequest } from "../functions/context.js";
import type { FunctionRunner } from "../functions/runner.js";
import { graphqlCaller } from "../graphql/auth.js";
import { decodeGraphqlBody, executeGraphql } from "../graphql/execute.js";
import type { GraphqlApi } from "../graphql/schema.js";
import { jsonText } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";
import type { MongoServices } from "../services/mongo-services.js";

const GRAPHQL = /^\/app\/[^/]+\/graphql$/;

/**
 * `POST …/app/:appId/graphql`: the app's generated GraphQL API. Reads and writes go through the MongoDB service
 * as the caller (the same entry point as the service's `functions/call`), custom resolvers through the function
 * runner as the caller. GraphQL errors are answered 200 with `errors` and `data: null`; authentication failures
 * with the client API's 401.
 */
export function graphqlRoutes(
  api: GraphqlApi,
  runner: FunctionRunner,
  services: MongoServices,
): readonly Route[] {
  return [
    {
      method: "POST",
      pattern: GRAPHQL,
      handle: async ({ runtime, request, bodyText }) => {
        const caller = await graphqlCaller(runtime, request);
        const body = decodeGraphqlBody(bodyText);
        const details = functionRequest(request);
        const invocation = { scope: runtime, callerId: caller.userId, user: caller.user, request: details };
        const reply = await executeGraphql(api, runtime, body, caller.userId, {
          // The user-scoped entry point of the MongoDB service, as `functions/call` with `service` uses it: the
          // collection rules apply to GraphQL exactly as to the service.
          run: async (ns, action, arg) => {
            services.require(ns.service);
            return services.runFor(runtime, ns, action, arg, { user: caller.user, request: details });
          },
          call: (name, args) => runner.executeAsCaller(name, args, invocation),
        });
        return jsonText(JSON.stringify(reply));
      },
    },
    {
      method: "GET",
      pattern: GRAPHQL,
      // FIDELITY: no source shows GET on the client GraphQL route; the kit answers 405 rather than serve a form
      // the real server may refuse.
      handle: () => {
        throw new AppServicesError("MethodNotAllowed", "GET", "the GraphQL API (use POST)");
      },
    },
  ];
}
