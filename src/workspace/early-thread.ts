import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CACHE_DIR } from './cache-settings.js';
import { startParseThread } from './parse-in-thread.js';

/**
 * Starts the second parse thread before a command's modules load, when the run looks cold: no
 * check of any workspace kept in the cache folder (a pipeline's fresh clone), or caching off.
 * The thread's own start (≈ 0.1–0.3 s: Node's worker, its bundle, the validators) then overlaps
 * the command's loading instead of the first files' parse, which it gates. A run that turns out
 * not to need it (a small configuration, a check that answers) ends it (stopSpareThread).
 */
export function startThreadIfCold(env: NodeJS.ProcessEnv = process.env): void {
  if (looksCold(env)) startParseThread(env);
}

function looksCold(env: NodeJS.ProcessEnv): boolean {
  if (env.CCAC_CACHE === 'off') return true;
  try {
    const names = readdirSync(path.resolve(env.CCAC_CACHE_DIR || DEFAULT_CACHE_DIR));
    return !names.some((name) => name.startsWith('check-'));
  } catch {
    return true; // no cache folder yet
  }
}
