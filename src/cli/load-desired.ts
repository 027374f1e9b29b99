import { assetsNeeded, checkConfig, type CheckedConfig } from '../pipeline/check-config.js';
import { summarizeConfig, type ConfigSummary } from '../pipeline/config-summary.js';
import type { FileEntry } from '../config/file-entry.js';
import { loadConfigWithEntries } from '../config/load-config.js';
import type { SourceFile } from '../config/source-file.js';
import { openCheckCache } from '../fs/check-cache.js';
import { entriesInThreads } from '../fs/parse-in-threads.js';
import { readAssets, readConfigFiles, type ReadResult } from '../fs/read-config-files.js';
import { cacheSettings, openParseCache, type ParseCache } from '../fs/parse-cache.js';
import { debug } from './debug.js';

/** A configuration as read: what checking it concluded, and the full check on demand. */
export interface DesiredConfig {
  summary: ConfigSummary;
  /** The model, declarations and diagnostics: kept from this run's check, or checked now. */
  checked(): Promise<CheckedConfig>;
}

/**
 * The filesystem edge of `validate` and `plan`. An unchanged configuration (same files, same
 * digests, same build) is answered from the check cache without parsing or checking anything;
 * otherwise it is checked now, with what the parse cache knows of unchanged files.
 */
export async function openDesired(paths: readonly string[]): Promise<DesiredConfig> {
  const cache = openParseCache();
  const read = await readConfigFiles(paths, cache.files);
  const checks =
    read.diagnostics.length === 0 ? openCheckCache(cacheSettings(), read.files) : undefined;
  const known = checks?.lookup();
  if (known) {
    debug('the configuration is unchanged since it was last checked');
    let checked: Promise<CheckedConfig> | undefined;
    return { summary: known, checked: () => (checked ??= checkFiles(read, cache)) };
  }
  const checked = await checkFiles(read, cache);
  const summary = summarizeConfig(checked);
  await checks?.store(summary, assetsNeeded(checked.declared));
  return { summary, checked: async () => checked };
}

/** load → validate → model → rules, for commands that need the model itself. */
export async function loadDesired(paths: readonly string[]): Promise<CheckedConfig> {
  const cache = openParseCache();
  return checkFiles(await readConfigFiles(paths, cache.files), cache);
}

/**
 * Takes what the parse cache knows of unchanged files, parses the rest (on all cores when there
 * are many), runs the pure checks, and caches the files that parsed cleanly.
 */
async function checkFiles(read: ReadResult, cache: ParseCache): Promise<CheckedConfig> {
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
  if (parsed) debug(`parsed ${missing.length} files in ${parsed.threads} threads`);
  parsed?.entries.forEach((text, k) => {
    if (text === null) return;
    const index = missing[k]!;
    entries[index] = JSON.parse(text) as FileEntry;
    fresh.set(index, text);
  });
  return fresh;
}
