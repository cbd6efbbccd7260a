import { toPlainJson } from "../ejson.js";
import { AppServicesError } from "../errors.js";
import { functionUser } from "../functions/context.js";
import type { FunctionUser } from "../functions/types.js";
import { authenticate } from "../operations/session-guard.js";
import { providerFor } from "../providers/registry.js";
import type { ResolvedIdentity } from "../providers/types.js";
import type { AppRuntime } from "../runtime.js";
import { customDataFor } from "../state/collections.js";
import { userByIdentity } from "../state/users.js";

/** Who sends a GraphQL request: the user id and the user functions see. */
export interface GraphqlCaller {
  readonly userId: string;
  readonly user: FunctionUser;
}

/** The credentials of the GraphQL credential headers, as the provider's login payload. */
function headerCredentials(
  headers: Headers,
): { provider: string; payload: Record<string, unknown> } | undefined {
  const email = headers.get("email");
  const password = headers.get("password");
  if (email !== null || password !== null) {
    return { provider: "local-userpass", payload: { username: email, password } };
  }
  const apiKey = headers.get("apiKey");
  if (apiKey !== null) return { provider: "api-key", payload: { key: apiKey } };
  const jwt = headers.get("jwtTokenString");
  if (jwt !== null) return { provider: "custom-token", payload: { token: jwt } };
  return undefined;
}

/**
 * Authenticates a GraphQL request (../shared/spec/graphql-api.md §1): a bearer access token when the
 * Authorization header is present (a bad or expired one is 401 InvalidSession, so realm-web-style clients refresh;
 * no fallback), else the credential headers `email` + `password`, `apiKey` or `jwtTokenString`, checked by their
 * provider, which must be enabled. Nothing at all: 401 InvalidSession.
 *
 * FIDELITY: credential headers open no session and create no user: a custom JWT whose user never logged in is
 * refused (401 InvalidPassword); the real server's behaviour there is unconfirmed.
 */
export async function graphqlCaller(runtime: AppRuntime, request: Request): Promise<GraphqlCaller> {
  const credentials = request.headers.has("authorization") ? undefined : headerCredentials(request.headers);
  if (credentials === undefined) {
    const auth = await authenticate({ runtime, request }, "access");
    return { userId: auth.user.id, user: functionUser(auth.user, auth.claims.user_data) };
  }
  const provider = providerFor(runtime, credentials.provider);
  const resolved: ResolvedIdentity = await provider.login(credentials.payload, runtime);
  const user = resolved.ownerId
    ? runtime.state.users.get(resolved.ownerId)
    : userByIdentity(runtime.state, resolved.identity.key);
  if (!user) throw new AppServicesError("InvalidPassword");
  if (user.disabled) throw new AppServicesError("UserDisabled");
  const customData = customDataFor(runtime, user.id);
  return {
    userId: user.id,
    user: functionUser(user, customData === undefined ? undefined : toPlainJson(customData)),
  };
}
