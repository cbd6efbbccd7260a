import { hashSeed, mix32 } from "../ids.js";
import type { AppRuntime } from "../runtime.js";

/** A stable 24-hex id per (app, provider), shown as `provider_id` in profiles. */
export function providerId(runtime: AppRuntime, providerType: string): string {
  const seed = hashSeed(`${runtime.id}:${providerType}`);
  return [0, 1, 2].map((n) => mix32(seed, n).toString(16).padStart(8, "0")).join("");
}
