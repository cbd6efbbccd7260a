import type { MockAppOptions } from "../options.js";
import { UsageError } from "./cli-options.js";

/**
 * `--app DIR|FILE`: the options of an exported App Services app, through `loadAppConfig` of this entry once app
 * loading exists (it is looked up at run time, so this file needs no change when it lands; it is expected to
 * return `MockAppOptions` or a promise of them).
 */
export async function loadAppOption(path: string): Promise<MockAppOptions> {
  const entry: Record<string, unknown> = await import("./index.js");
  const load = entry.loadAppConfig;
  if (typeof load !== "function") {
    throw new UsageError(
      "--app is not available yet: this version cannot load exported apps (loadAppConfig). Use --config FILE with JSON options.",
    );
  }
  try {
    return (await load(path)) as MockAppOptions;
  } catch (error) {
    throw new UsageError(`--app ${path}: ${(error as Error).message}`);
  }
}
