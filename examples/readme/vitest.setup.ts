// vitest.setup.ts, listed in `test.setupFiles` of vitest.config.ts. Do not import realm-web here: it must be
// imported after the server listens (the helper clears realm-web's storage after each test by itself).
import { setupMockServer } from "app-services-mock/vitest";

setupMockServer();
