import * as Realm from "realm-web";
import { describe, expect, it } from "vitest";
import { createMockApp } from "../../src/index.js";
import { server } from "../support/msw-server.js";
import { realmApp, serve } from "../support/realm.js";

// The ❌ rows of docs/fidelity.md that say "realm-web itself throws": proven here, not just claimed.
const mock = createMockApp({ id: "sdk-gaps-app" });
serve(mock);

describe("realm-web 2.0.1's own gaps", () => {
  it("throws in realm-web itself, before any request", async () => {
    const app = realmApp(mock);
    const user = await app.logIn(Realm.Credentials.anonymous());
    const requests: string[] = [];
    const record = ({ request }: { request: Request }) => requests.push(`${request.method} ${request.url}`);
    server.events.on("request:start", record);
    try {
      expect(() => user.push()).toThrow("Not yet implemented");
      expect(() => user.addListener()).toThrow("Not yet implemented");
      expect(() => user.removeListener()).toThrow("Not yet implemented");
      expect(() => user.removeAllListeners()).toThrow("Not yet implemented");
      expect(() => app.addListener()).toThrow("Not yet implemented");
      expect(() => app.removeListener()).toThrow("Not yet implemented");
      expect(() => app.removeAllListeners()).toThrow("Not yet implemented");
    } finally {
      server.events.removeListener("request:start", record);
    }
    expect(requests).toEqual([]);
  });
});
