// Vitest setupFiles module: starts MSW before any test file imports realm-web.

import { setupMockServer } from "app-services-mock/vitest";
import * as Realm from "realm-web";
import { backend } from "./backend.js";

setupMockServer({ apps: [backend], realm: Realm });
