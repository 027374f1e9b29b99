import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { buildId } from './build-id.js';
import { cacheKey } from './cache-key.js';

/** Where the caches live unless CCAC_CACHE_DIR says otherwise; CCAC_CACHE=off turns them off. */
export const DEFAULT_CACHE_DIR = '.ccac/cache';

/** Where the caches live, the build that fills them, and the key that seals their files. */
export interface CacheSettings {
  dir: string;
  build: string;
  key: KeyObject;
}

/** The caches of a run over the configuration at `paths`; or why nothing is cached. */
export function cacheSettings(
  paths: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): CacheSettings | { off: string } {
  if (env.CCAC_CACHE === 'off') return { off: 'CCAC_CACHE=off' };
  const build = buildId();
  if (build === undefined) return { off: 'the code is not built (no build id)' };
  const dir = path.resolve(env.CCAC_CACHE_DIR || DEFAULT_CACHE_DIR);
  const found = cacheKey([dir, ...paths.map(folderOf)], env);
  return 'off' in found ? found : { dir, build, key: found.key };
}

/** The folder a configuration path names: itself, or a file's folder. */
function folderOf(file: string): string {
  try {
    return statSync(file).isDirectory() ? file : path.dirname(file);
  } catch {
    return file;
  }
}
