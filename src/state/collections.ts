import { OrderedMap } from "immutable";
import type { AppRuntime } from "../runtime.js";
import type { DocMap, State } from "./types.js";

const EMPTY: DocMap = OrderedMap();

/** The key of a collection in the state. */
export const namespaceKey = (service: string, database: string, collection: string) =>
  `${service}\u0000${database}\u0000${collection}`;

export function collectionDocs(state: State, key: string): DocMap {
  return state.collections.get(key) ?? EMPTY;
}

/** The custom user data document of a user, or undefined (feature off, or no document). */
export function customDataFor(
  runtime: AppRuntime,
  userId: string,
): Readonly<Record<string, unknown>> | undefined {
  const config = runtime.options.customUserData;
  if (!config) return undefined;
  const key = namespaceKey(config.serviceName ?? "mongodb-atlas", config.database, config.collection);
  return collectionDocs(runtime.state, key).find((doc) => doc[config.userIdField] === userId);
}
