import {
  assetsNeeded,
  checkConfig,
  loadConfig,
  type CheckedConfig,
} from '../pipeline/check-config.js';
import { readAssets, readConfigFiles } from '../fs/read-config-files.js';

/** The filesystem edge of `validate` and `plan`: read files, then run the pure checks. */
export async function loadDesired(paths: readonly string[]): Promise<CheckedConfig> {
  const read = await readConfigFiles(paths);
  const loaded = loadConfig(read.files);
  const assets = await readAssets(assetsNeeded(loaded.resources));
  return checkConfig(loaded.resources, [...read.diagnostics, ...loaded.diagnostics], assets);
}
