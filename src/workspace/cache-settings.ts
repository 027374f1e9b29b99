import type { KeyObject } from 'node:crypto';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
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
  const linked = linkOnTheWay(dir);
  if (linked) return { off: `the cache folder is reached through the link ${linked}` };
  const found = cacheKey([dir, ...paths.map(folderOf)], env);
  return 'off' in found ? found : { dir, build, key: found.key };
}

/**
 * The digest `npm run build` writes beside the built code; undefined when running unbuilt code
 * (tests of the core), where nothing is cached.
 */
function buildId(): string | undefined {
  try {
    const file = new URL('../build-id.json', import.meta.url);
    const { id } = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown };
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The folder a configuration path names: itself, or a file's folder. */
function folderOf(file: string): string {
  try {
    return statSync(file).isDirectory() ? file : path.dirname(file);
  } catch {
    return file;
  }
}

/**
 * A link among the folders from the working directory down to the cache folder: a checkout may
 * hold `.ccac` as a link to anywhere, and the caches write and prune files where it leads.
 */
function linkOnTheWay(dir: string): string | undefined {
  const relative = path.relative(process.cwd(), dir);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  let at = process.cwd();
  for (const part of relative.split(path.sep).filter(Boolean)) {
    at = path.join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return at;
    } catch {
      return undefined; // not made yet: the caches make real folders
    }
  }
  return undefined;
}
