// vitest.setup.ts, listed in `test.setupFiles` of vitest.config.ts

import { setupMockServer } from "app-services-mock/vitest";
import * as Realm from "realm-web";

setupMockServer({ realm: Realm });
