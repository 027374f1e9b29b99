import { assetsNeeded, checkConfig, type CheckedConfig } from '../pipeline/check-config.js';
import type { FileEntry } from '../config/file-entry.js';
import { loadConfigWithEntries } from '../config/load-config.js';
import type { SourceFile } from '../config/source-file.js';
import { entriesInThreads } from '../fs/parse-in-threads.js';
import { readAssets, readConfigFiles } from '../fs/read-config-files.js';
import { openParseCache } from '../fs/parse-cache.js';

/**
 * The filesystem edge of `validate` and `plan`: read files, take what the parse cache knows of
 * unchanged ones, parse the rest (on all cores when there are many), run the pure checks, and
 * cache the files that parsed cleanly.
 */
export async function loadDesired(paths: readonly string[]): Promise<CheckedConfig> {
  const read = await readConfigFiles(paths);
  const cache = openParseCache();
  const entries = cache.lookup(read.files);
  const fresh = await parseMissing(read.files, entries);
  const loaded = loadConfigWithEntries(read.files, entries);
  for (const [index, entry] of loaded.fresh) fresh.set(index, JSON.stringify(entry));
  const assets = await readAssets(assetsNeeded(loaded.resources));
  const checked = checkConfig(
    loaded.resources,
    [...read.diagnostics, ...loaded.diagnostics],
    assets,
  );
  await cache.store(read.files, fresh);
  return checked;
}

/**
 * Fills `entries` for files the cache missed by parsing them in threads; returns the new entries'
 * text to cache. Files with diagnostics, or too few files for threads, stay for the main thread.
 */
async function parseMissing(
  files: readonly SourceFile[],
  entries: (FileEntry | undefined)[],
): Promise<Map<number, string>> {
  const fresh = new Map<number, string>();
  const missing = entries.flatMap((entry, index) => (entry ? [] : [index]));
  const parsed = await entriesInThreads(missing.map((index) => files[index]!));
  if (parsed && process.env.CCAC_DEBUG)
    process.stderr.write(`ccac: parsed ${missing.length} files in ${parsed.threads} threads\n`);
  parsed?.entries.forEach((text, k) => {
    if (text === null) return;
    const index = missing[k]!;
    entries[index] = JSON.parse(text) as FileEntry;
    fresh.set(index, text);
  });
  return fresh;
}
