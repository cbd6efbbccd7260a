import { describe, expect, it, vi } from "vitest";
import { createManualClock } from "../../../src/index.js";
import { AppRuntime } from "../../../src/runtime.js";

const runtimeOf = () => new AppRuntime({ id: "views" }, createManualClock(0), { warn: vi.fn() });

describe("request views of the runtime", () => {
  it("share the one state, session counter and id sequence with the app", () => {
    const runtime = runtimeOf();
    const view = runtime.forRequest();
    view.update((s) => ({ ...s, outbox: s.outbox.push({} as never) }));
    expect(runtime.state.outbox.size).toBe(1);
    const sessions = [view.nextSessionId(), runtime.nextSessionId(), runtime.forRequest().nextSessionId()];
    expect(new Set(sessions).size).toBe(3);
    const ids = [view.ids.hex(), runtime.ids.hex(), runtime.forRequest().ids.hex()];
    expect(new Set(ids).size).toBe(3);
    expect(view.root).toBe(runtime);
  });

  it("refuse updates and drop events once a reset, restore or close ran after they were made", () => {
    const runtime = runtimeOf();
    const before = runtime.forRequest();
    runtime.reset();
    expect(() => before.update((s) => s)).toThrow(
      expect.objectContaining({ code: "MockAppReset", status: 409 }),
    );
    before.emit({ type: "user-created", userId: "u", provider: "anon-user" });
    expect(runtime.state.journal.size).toBe(0);
    const after = runtime.forRequest();
    after.emit({ type: "user-created", userId: "u", provider: "anon-user" });
    expect(runtime.state.journal.size).toBe(1);
    runtime.restore(runtime.snapshot());
    expect(after.stale).toBe(true);
    expect(runtime.stale).toBe(false);
  });

  it("give a refused request's ids back only when it wrote nothing and nobody drew after it", () => {
    const runtime = runtimeOf();
    const refused = runtime.forRequest();
    const first = refused.ids.hex();
    refused.releaseIds();
    expect(runtime.ids.hex()).toBe(first);

    const slow = runtime.forRequest();
    slow.ids.hex();
    const other = runtime.forRequest();
    const kept = other.ids.hex();
    other.update((s) => s);
    slow.releaseIds();
    other.releaseIds();
    const next = runtime.ids.hex();
    expect(next).not.toBe(kept);

    const wrote = runtime.forRequest();
    const used = wrote.ids.hex();
    wrote.update((s) => s);
    wrote.releaseIds();
    expect(runtime.ids.hex()).not.toBe(used);
  });
});
