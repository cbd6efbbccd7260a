// What the fault layer costs a request: none injected (one size check), faults on other route groups, and faults on
// the same group that must classify the request (parse its body) and then do not match.
// Run: npm run bench -- bench/faults.bench.ts
import { bench, describe } from "vitest";
import { createMockApp, type MockApp } from "../src/index.js";

const API = "https://services.cloud.mongodb.com/api/client/v2.0";

async function appWithToken(id: string): Promise<{ mock: MockApp; call: () => Promise<unknown> }> {
  const mock = createMockApp({ id, functions: { constant: () => 42 } });
  const login = await mock.handle(
    new Request(`${API}/app/${id}/auth/providers/anon-user/login`, { method: "POST", body: "{}" }),
  );
  if (!login) throw new Error("login not answered");
  const { access_token } = (await login.json()) as { access_token: string };
  const body = JSON.stringify({ name: "constant", arguments: [] });
  const call = async () => {
    const reply = await mock.handle(
      new Request(`${API}/app/${id}/functions/call`, {
        method: "POST",
        headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
        body,
      }),
    );
    if (reply?.status !== 200) throw new Error(`unexpected ${reply?.status}`);
    return reply.text();
  };
  return { mock, call };
}

const none = await appWithToken("bench-no-faults");
const elsewhere = await appWithToken("bench-faults-elsewhere");
const sameGroup = await appWithToken("bench-faults-same-group");
for (let i = 0; i < 5; i++) {
  elsewhere.mock.faults.inject({ route: "profile", times: "always", effect: { kind: "network-error" } });
  sameGroup.mock.faults.inject({
    route: "functions",
    functionName: `other-${i}`,
    times: "always",
    effect: { kind: "network-error" },
  });
}

describe("function call through the pipeline (no MSW)", () => {
  bench("no faults", async () => {
    await none.call();
  });
  bench("5 faults on another route group", async () => {
    await elsewhere.call();
  });
  bench("5 faults on functions, other function names", async () => {
    await sameGroup.call();
  });
});
