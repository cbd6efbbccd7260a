import type { RequestPipeline, Route } from "../pipeline/types.js";

/** The route table each pipeline serves, for tools that describe the kit (the fidelity table). */
const tables = new WeakMap<RequestPipeline, readonly Route[]>();

/** Remembers the routes `pipeline` was built over. */
export function recordRouteTable(pipeline: RequestPipeline, routes: readonly Route[]): RequestPipeline {
  tables.set(pipeline, routes);
  return pipeline;
}

/** The routes a mock's `handle` serves, in matching order (undefined for a pipeline the kit did not build). */
export function routeTableOf(pipeline: RequestPipeline): readonly Route[] | undefined {
  return tables.get(pipeline);
}
