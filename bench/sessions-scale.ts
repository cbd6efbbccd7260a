// One-off scaling check (not part of npm run bench): mock.users.get(id) and users.list() against the number of
// sessions. Sessions are put straight into the state, as a login would. Run: npx tsx bench/sessions-scale.ts
import { createMockApp, runtimeOf } from "../src/create-mock-app.js";
import { putSession } from "../src/state/sessions.js";

const users = Array.from({ length: 10 }, (_, i) => ({
  id: `65a0000000000000000000${i.toString(16).padStart(2, "0")}`,
  email: `u${i}@example.com`,
  password: "password1",
}));
for (const count of [10, 1_000, 100_000]) {
  const mock = createMockApp({ id: `sessions-${count}`, users });
  const runtime = runtimeOf(mock);
  if (!runtime) throw new Error("no runtime");
  for (let i = 0; i < count; i++) {
    const userId = users[i % users.length]?.id ?? "";
    const session = {
      id: `s${i}`,
      userId,
      deviceId: "d",
      providerType: "local-userpass" as const,
      createdAt: 0,
      expiresAt: 1e15,
    };
    runtime.update((s) => ({ ...s, sessions: putSession(s.sessions, session) }));
  }
  const time = (run: () => unknown, n: number) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) run();
    return (performance.now() - start) / n;
  };
  // The first read after the writes builds the index once when nothing was carried.
  time(() => mock.users.get(users[0]?.id ?? ""), 1);
  const get = time(() => mock.users.get(users[0]?.id ?? ""), 200);
  const list = time(() => mock.users.list(), 20);
  console.log(`${count} sessions: users.get ${get.toFixed(4)} ms, users.list ${list.toFixed(3)} ms`);
}
