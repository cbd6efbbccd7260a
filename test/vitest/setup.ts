// A setupFiles module as a user writes it. realm-web is imported first on purpose: the kit's helpers must work
// even though realm-web captured the original fetch before the server started listening.

import { createMockApp } from "app-services-mock";
import { setupMockServer } from "app-services-mock/vitest";
import * as Realm from "realm-web";

export const shared = createMockApp({
  id: "shared-app",
  users: [{ id: "65b000000000000000000001", email: "ada@example.com", password: "password1" }],
});

export const mockServer = setupMockServer({ apps: [shared], realm: Realm });
