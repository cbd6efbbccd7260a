import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { Doc, Namespace } from "../mongodb/index.js";

/** What every resolver of one request gets: data access and function calls as the requesting user. */
export interface GraphqlContext {
  /** Runs a MongoDB service action as the requesting user, through the MongoDB service (rules apply). */
  readonly run: (ns: Namespace, action: string, arg: Doc) => Promise<unknown>;
  /** Calls an app function as the requesting user (custom resolvers). */
  readonly call: (name: string, args: unknown[]) => Promise<unknown>;
  /** Counts a generated, custom or relationship resolver against the operation's limits. */
  readonly track: (info: GraphQLResolveInfo, relation: boolean) => void;
}

const MAX_RESOLVERS = 10;
const MAX_RELATION_DEPTH = 5;

/** Field path without list indices: every element of a list shares its field's resolver. */
function pathOf(info: GraphQLResolveInfo): string[] {
  const keys: string[] = [];
  for (let at: GraphQLResolveInfo["path"] | undefined = info.path; at; at = at.prev) {
    if (typeof at.key === "string") keys.unshift(at.key);
  }
  return keys;
}

/**
 * The documented limits (../shared/spec/graphql-api.md §1): at most 10 resolvers per operation ("max number of
 * queries reached") and relationships at most 5 levels deep ("max relationship depth exceeded").
 *
 * FIDELITY: what counts as one resolver is unconfirmed; the kit counts each distinct root, custom and
 * relationship field path of the operation (list elements share one).
 */
export function createLimits(): GraphqlContext["track"] {
  const resolvers = new Set<string>();
  const relations = new Set<string>();
  return (info, relation) => {
    const keys = pathOf(info);
    const path = keys.join(".");
    resolvers.add(path);
    if (resolvers.size > MAX_RESOLVERS) throw new GraphQLError("max number of queries reached");
    if (!relation) return;
    relations.add(path);
    let depth = 0;
    for (let i = 1; i <= keys.length; i++) if (relations.has(keys.slice(0, i).join("."))) depth++;
    if (depth > MAX_RELATION_DEPTH) throw new GraphQLError("max relationship depth exceeded");
  };
}
