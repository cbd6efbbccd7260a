// Listens before any test file imports realm-web (realm-web binds fetch at import).
import { setupMockServer } from "app-services-mock/vitest";

setupMockServer();
