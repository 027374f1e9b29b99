import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCacheFile } from './read-cache-file.js';

/** The key the caches' files are sealed with (cache-seal.ts), or why there is none. */
export type CacheKey = { key: KeyObject } | { off: string };

const KEY_BYTES = 32;

/** A shorter secret could be guessed; `openssl rand -hex 32` gives 64 characters. */
const MIN_SECRET_CHARS = 32;

/**
 * CCAC_CACHE_KEY, a secret of the CI runners that restore one cache between jobs; else a random
 * key made on first use in the user's state folder ($XDG_STATE_HOME/ccac/cache-key, or
 * ~/.local/state/ccac/cache-key), readable by its owner alone. A key file a checkout could have
 * brought along is not used: one inside `untrusted` (the cache folder, the configuration's
 * folders) or in a git working tree. Never an error: without a key, nothing is cached.
 */
export function cacheKey(untrusted: readonly string[], env = process.env): CacheKey {
  const secret = env.CCAC_CACHE_KEY;
  if (secret)
    return secret.length >= MIN_SECRET_CHARS
      ? { key: createSecretKey(Buffer.from(secret)) }
      : { off: `CCAC_CACHE_KEY is shorter than ${MIN_SECRET_CHARS} characters` };
  const file = keyFile(env);
  if (!file) return { off: 'no home folder for the cache key (set HOME or XDG_STATE_HOME)' };
  const exposed = exposure(path.dirname(file), untrusted);
  if (exposed) return { off: `the cache key ${file} would lie ${exposed}` };
  const bytes = readKey(file) ?? makeKey(file);
  return bytes
    ? { key: createSecretKey(bytes) }
    : { off: `no private cache key could be read or made at ${file}` };
}

/** In XDG's state folder: $XDG_STATE_HOME when it is an absolute path, else ~/.local/state. */
function keyFile(env: NodeJS.ProcessEnv): string | undefined {
  const state = env.XDG_STATE_HOME;
  try {
    const folder =
      state && path.isAbsolute(state) ? state : path.join(os.homedir(), '.local/state');
    return path.join(folder, 'ccac', 'cache-key');
  } catch {
    return undefined; // a user without a home folder (os.homedir throws)
  }
}

/** Where `folder` lies that a checkout could reach, if it does. */
function exposure(folder: string, untrusted: readonly string[]): string | undefined {
  const real = realPath(folder);
  for (const place of untrusted) {
    const relative = path.relative(realPath(place), real);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return `inside ${place}`;
  }
  for (let dir = real; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return `in the git working tree ${dir}`;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The path with every symbolic link of its existing part resolved. */
function realPath(file: string): string {
  const resolved = path.resolve(file);
  try {
    return realpathSync(resolved);
  } catch {
    const parent = path.dirname(resolved);
    return parent === resolved ? resolved : path.join(realPath(parent), path.basename(resolved));
  }
}

/** The key, when the file is this user's own and nobody else may read it. */
function readKey(file: string): Buffer | undefined {
  const read = readCacheFile(file);
  if (!read) return undefined;
  const { bytes, stats } = read;
  const uid = process.getuid?.();
  const own = uid === undefined || stats.uid === BigInt(uid);
  return own && (stats.mode & 0o077n) === 0n && bytes.length === KEY_BYTES ? bytes : undefined;
}

/**
 * A new key, written aside and linked into place: a link never replaces a key another run made
 * meanwhile (then that one is read), so every run of this machine agrees on its key.
 */
function makeKey(file: string): Buffer | undefined {
  const aside = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  try {
    writeFileSync(aside, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
    linkSync(aside, file);
  } catch {
    // Another run's key is in place (read below), or none can be made here.
  }
  rmSync(aside, { force: true });
  return readKey(file);
}
