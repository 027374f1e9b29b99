import { assetsNeeded, checkConfig, type CheckedConfig } from '../pipeline/check-config.js';
import { loadConfigWithEntries } from '../config/load-config.js';
import { readAssets, readConfigFiles } from '../fs/read-config-files.js';
import { openParseCache } from '../fs/parse-cache.js';

/**
 * The filesystem edge of `validate` and `plan`: read files, take what the parse cache knows of
 * unchanged ones, run the pure checks, and cache the files parsed cleanly this time.
 */
export async function loadDesired(paths: readonly string[]): Promise<CheckedConfig> {
  const read = await readConfigFiles(paths);
  const cache = openParseCache();
  const loaded = loadConfigWithEntries(read.files, cache.lookup(read.files));
  const assets = await readAssets(assetsNeeded(loaded.resources));
  const checked = checkConfig(
    loaded.resources,
    [...read.diagnostics, ...loaded.diagnostics],
    assets,
  );
  await cache.store(read.files, loaded.fresh);
  return checked;
}
