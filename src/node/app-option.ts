import type { MockAppOptions } from "../options.js";
import { UsageError } from "./cli-options.js";
import { loadAppConfig } from "./load-app-config.js";

/** `--app DIR|FILE`: the options of an exported App Services app; a config error is a usage error (exit 2). */
export async function loadAppOption(path: string): Promise<MockAppOptions> {
  try {
    return await loadAppConfig(path);
  } catch (error) {
    throw new UsageError(`--app ${path}: ${(error as Error).message}`);
  }
}
