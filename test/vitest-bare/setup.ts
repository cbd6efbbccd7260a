// The quick start's setup: a dispatcher with no app of its own. Test files are expected to call useMockApp.
import { setupMockServer } from "app-services-mock/vitest";

export const mockServer = setupMockServer();
