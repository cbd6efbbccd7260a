import { decodeObjectBody } from "../ejson.js";
import { deregisterPush, registerPush } from "../operations/push.js";
import { authenticate } from "../operations/session-guard.js";
import { empty } from "../pipeline/respond.js";
import type { Route } from "../pipeline/types.js";

const pattern = /^\/app\/[^/]+\/push\/providers\/(?<service>[^/]+)\/registration$/;

/** Push registration routes (sent by other SDKs; realm-web 2.0.1 has no client for them). */
export const pushRoutes: readonly Route[] = [
  {
    method: "PUT",
    pattern,
    handle: async ({ runtime, request, params, bodyText }) => {
      const auth = await authenticate({ runtime, request }, "access");
      registerPush(runtime, auth, params.service ?? "", decodeObjectBody(bodyText));
      return empty();
    },
  },
  {
    method: "DELETE",
    pattern,
    handle: async ({ runtime, request, params }) => {
      deregisterPush(runtime, await authenticate({ runtime, request }, "access"), params.service ?? "");
      return empty();
    },
  },
];
