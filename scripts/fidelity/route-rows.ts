import { createMockApp } from "../../src/create-mock-app.js";
import type { Route } from "../../src/pipeline/types.js";
import { routeTableOf } from "../../src/routes/route-table.js";

/** One wire route of the client API, named `METHOD /path/:param` (the path after `/api/client/v2.0`). */
export interface RouteRow {
  readonly id: string;
  readonly route: Route;
}

/** `/app/:app` for the app-id segment, `:name` for named groups; anything else in the pattern is refused. */
export function routeTemplate(pattern: RegExp): string {
  const path = pattern.source
    .replace(/^\^/, "")
    .replace(/\$$/, "")
    .replace(/\\\/app\\\/\[\^\/\]\+/, "\\/app\\/:app")
    .replace(/\(\?<(\w+)>\[\^\/\]\+\)/g, ":$1")
    .replace(/\(\?<(\w+)>([\w|-]+)\)/g, ":$1($2)")
    .replace(/\\\//g, "/");
  if (/[\\^$*+?[\]{}]/.test(path.replace(/\(([\w|-]+)\)/g, ""))) {
    throw new Error(`route pattern ${pattern} has no readable template (got ${path})`);
  }
  return path;
}

/** Every route the kit's pipeline serves, in matching order, read from a mock built with default options. */
export function readRouteRows(): RouteRow[] {
  const mock = createMockApp({ id: "fidelity-table" });
  try {
    const routes = routeTableOf(mock.handle);
    if (routes === undefined) throw new Error("createMockApp no longer records its route table");
    return routes.map((route) => ({ id: `${route.method} ${routeTemplate(route.pattern)}`, route }));
  } finally {
    mock.close();
  }
}
