import type { MockApp } from "app-services-mock";
import type { Snapshot as StatePoint } from "../../src/runtime.js";
import { pointOf } from "../../src/snapshot.js";

/** The state value and id position inside a fresh snapshot of `mock`: for tests that compare state identity. */
export function statePoint(mock: Pick<MockApp, "snapshot">): StatePoint {
  const point = pointOf(mock.snapshot());
  if (point === undefined) throw new Error("no state point in the snapshot");
  return point;
}
