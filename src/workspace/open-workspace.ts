import { assetsNeeded, checkConfig, type CheckedConfig } from '../config/check-config.js';
import { summarizeConfig, type ConfigSummary } from './config-summary.js';
import {
  filesChanged,
  filesToLoad,
  inRecheck,
  RECHECK_RULES,
  recheckedRecord,
  recordCheck,
  recheckTooWide,
  scopesToRecheck,
  type CheckRecord,
} from './recheck-scopes.js';
import type { FileEntry } from './file-entry.js';
import { loadConfigWithEntries, loadFileEntry } from './load-with-entries.js';
import type { SourceFile } from '../config/source-file.js';
import { openCheckCache, type CheckCache } from './check-cache.js';
import { listConfigFiles, readAssets, readListed, type ReadResult } from './read-config-files.js';
import { readAndParseCold, type ColdRead } from './read-cold.js';
import { cacheSettings } from './cache-settings.js';
import { openParseCache, type ParseCache } from './parse-cache.js';
import {
  PARSE_THREAD_BYTES,
  parseShareInThread,
  startParseThread,
  stopSpareThread,
} from './parse-in-thread.js';
import type { ConfigRule } from '../rules/rule.js';
import { debug } from '../support/debug.js';
import { nextTurn } from '../support/in-turns.js';

/** A configuration as read: what checking it concluded, and the model on demand. */
export interface Workspace {
  summary: ConfigSummary;
  /**
   * The model with the whole configuration's diagnostics. Without `scopes`, the whole model: kept
   * from this run's check, or checked now. With them, a model holding at least these tenants and
   * the organizations: built from their files alone when this run has no whole model at hand.
   */
  model(scopes?: ReadonlySet<string>): Promise<CheckedConfig>;
  /**
   * The whole configuration's flow definition files, when a model of some tenants is all this run
   * loads: the kept check's (a saved plan records the git commit of every one of them).
   */
  definitionFiles?: readonly string[];
}

/** One `model(scopes?)` from the loader of the whole model and the loader of some scopes. */
function modelFrom(
  whole: () => Promise<CheckedConfig>,
  scoped: (scopes: ReadonlySet<string>) => Promise<CheckedConfig>,
): Workspace['model'] {
  return (scopes) => (scopes ? scoped(scopes) : whole());
}

/**
 * The filesystem edge of `validate` and `plan`. The workspace's last check (check cache) answers
 * for unchanged files; a change confined to some tenants is checked again for those tenants only;
 * anything else is checked in full, with what the parse cache knows of unchanged files.
 */
export async function openWorkspace(paths: readonly string[]): Promise<Workspace> {
  const { cache, read, digests, checks, record, cold } = await readWorkspace(paths);
  let full: Promise<CheckedConfig> | undefined;
  const checked = () => (full ??= checkFiles(read, cache, cold));
  if (checks && digests && record) {
    const changed = filesChanged(record, digests);
    if (changed.length === 0) {
      debug('no file changed since the last check');
      const kept = () => (full ??= modelOfKept(record, read, cache));
      const scoped = scopedLoader(record, read, cache);
      const { summary, assets: definitionFiles } = record;
      return { summary, model: modelFrom(kept, scoped), definitionFiles };
    }
    const rechecked = await recheck(record, changed, read, digests, cache);
    if (rechecked) {
      const { scopes } = rechecked;
      debug(`checked ${[...scopes].sort().join(', ')} again for ${changed.length} changed files`);
      await checks.store(rechecked.record);
      const others = scopedLoader(rechecked.record, read, cache);
      return {
        summary: rechecked.record.summary,
        model: modelFrom(checked, async (wanted) =>
          [...wanted].every((scope) => scopes.has(scope)) ? rechecked.checked : others(wanted),
        ),
        definitionFiles: rechecked.record.assets,
      };
    }
  }
  const whole = await checked();
  const next = await keepCheck(whole, digests, checks);
  return { summary: next ? next.summary : summarizeConfig(whole), model: checked };
}

/** A whole check kept for the workspace's next run (check cache): its record, if it has one. */
async function keepCheck(
  whole: CheckedConfig,
  digests: ReadonlyMap<string, string> | undefined,
  checks: CheckCache | undefined,
): Promise<CheckRecord | undefined> {
  // Nobody reads a record that is not kept: without a check cache there is nothing to make.
  if (!checks || !digests) return undefined;
  const next = recordCheck(whole, digests, assetsNeeded(whole.declared));
  await checks.store(next);
  return next;
}

/**
 * Models of some tenants and the organizations, from their files (the record says which): what a
 * plan needs when the other scopes are as stored. The whole configuration's findings come along.
 */
function scopedLoader(record: CheckRecord, read: ReadResult, cache: ParseCache) {
  return async (scopes: ReadonlySet<string>): Promise<CheckedConfig> => {
    const needed = filesToLoad(record, scopes);
    const { checked } = await checkScopes(
      scopes,
      read.files.filter((file) => needed.has(file.path)),
      read,
      cache,
      [],
    );
    return { ...checked, diagnostics: record.summary.diagnostics };
  };
}

/**
 * Some tenants and the organizations, from `files` (those declaring in them, in the order of the
 * whole configuration), checked with `rules`; `all` has every file, whose entries the cache keeps.
 * `clean`: no file had load diagnostics.
 */
async function checkScopes(
  scopes: ReadonlySet<string>,
  files: readonly SourceFile[],
  all: ReadResult,
  cache: ParseCache,
  rules: readonly ConfigRule[],
) {
  const loaded = await loadFiles(files, cache, all.files);
  const declared = inRecheck(loaded.resources, scopes);
  const assets = assetsNeeded(declared);
  const checked = checkConfig(declared, [], readAssets(assets, all.folders), rules);
  return { checked, assets, clean: loaded.diagnostics.length === 0 };
}

/**
 * load → validate → model → rules, for commands that need the model itself; when no file changed
 * since the workspace's last check, its findings are taken as they were (modelOfKept), and a
 * check made now is kept for the next run.
 */
export async function loadWholeConfig(paths: readonly string[]): Promise<CheckedConfig> {
  const { cache, read, digests, checks, record, cold } = await readWorkspace(paths);
  if (record && digests && filesChanged(record, digests).length === 0) {
    debug('no file changed since the last check');
    return modelOfKept(record, read, cache);
  }
  const whole = await checkFiles(read, cache, cold);
  await keepCheck(whole, digests, checks);
  return whole;
}

/**
 * The whole model of files unchanged since the check `record` kept, with that check's findings:
 * the rules, which would find them again, are not run.
 */
async function modelOfKept(
  record: CheckRecord,
  read: ReadResult,
  cache: ParseCache,
): Promise<CheckedConfig> {
  const loaded = await loadFiles(read.files, cache);
  const assets = readAssets(assetsNeeded(loaded.resources), read.folders);
  const checked = checkConfig(loaded.resources, [], assets, []);
  return { ...checked, diagnostics: record.summary.diagnostics };
}

/**
 * The configuration's files as read (unchanged ones vouched for by the parse cache's index), their
 * digests, and the workspace's last check when the files can be compared with it.
 */
async function readWorkspace(paths: readonly string[]) {
  const settings = cacheSettings(paths);
  if ('off' in settings) debug(`caching is off: ${settings.off}`);
  const caching = 'off' in settings ? undefined : settings;
  const cache = openParseCache(caching);
  const kept = caching ? openCheckCache(caching, paths) : undefined;
  const last = kept?.lookup();
  // Nothing to answer from (a pipeline's fresh clone): the files are parsed as they are read.
  const listed = await listConfigFiles(paths);
  const cold = !last && cache.empty() ? await readAndParseCold(listed, cache) : undefined;
  // Enough read that the last check did not see (a cold parse would share it): the second thread
  // starts loading meanwhile. Files the check saw, read again after a checkout moved their times,
  // start none: the check most likely answers for them.
  let unseen = 0;
  const read =
    cold?.read ??
    readListed(listed, cache.files, (file) => {
      if (last?.files[file.path]?.digest === file.digest) return;
      if ((unseen += file.text.length) >= PARSE_THREAD_BYTES) startParseThread();
    });
  const digests = fileDigests(read);
  const checks = digests ? kept : undefined;
  const record = digests ? last : undefined;
  // Nothing changed since the last check: the files' entries are all in the parse cache.
  if (record && digests && filesChanged(record, digests).length === 0) stopSpareThread();
  return { cache, read, digests, checks, record, cold };
}

/** Path → digest of every file read; undefined when a file could not be read or has no digest. */
function fileDigests(read: ReadResult): Map<string, string> | undefined {
  if (read.diagnostics.length > 0) return undefined;
  const out = new Map<string, string>();
  for (const file of read.files) {
    if (file.digest === undefined) return undefined;
    out.set(file.path, file.digest);
  }
  return out;
}

/**
 * The changed files, and the tenants they touch, checked again with those tenants' files and the
 * organizations'; undefined when the change must be checked in full (scopesToRecheck).
 */
async function recheck(
  record: CheckRecord,
  changed: readonly string[],
  read: ReadResult,
  digests: ReadonlyMap<string, string>,
  cache: ParseCache,
) {
  const { files } = read;
  const changedFiles = files.filter((file) => changed.includes(file.path));
  const now = await loadFiles(changedFiles, cache, files);
  if (now.diagnostics.length > 0) return undefined;
  const scopes = scopesToRecheck(record, changed, now.resources);
  if (!scopes) return undefined;
  if (recheckTooWide(record, scopes)) {
    debug(`${scopes.size} of ${record.summary.tenants.length} tenants changed: checked in full`);
    return undefined;
  }
  const needed = filesToLoad(record, scopes);
  // In the order of a full check: the first of two declarations of an address is the one kept.
  const partial = await checkScopes(
    scopes,
    files.filter((file) => needed.has(file.path) || changed.includes(file.path)),
    read,
    cache,
    RECHECK_RULES,
  );
  if (!partial.clean) return undefined;
  const next = recheckedRecord(record, scopes, partial.checked, digests, changed, partial.assets);
  return {
    record: next,
    scopes,
    checked: { ...partial.checked, diagnostics: next.summary.diagnostics },
  };
}

/**
 * Entries of the files this run parsed, and of those a partial load took from the cache: a
 * recheck loads its changed files twice (to find the tenants they touch, then with those tenants'
 * files), and the cache may not have written them yet the second time; a plan that needs the
 * whole model after a recheck loads the rechecked tenants' files again. Keyed by the file as read,
 * which lives as long as the run needs it.
 */
const loadedThisRun = new WeakMap<SourceFile, FileEntry>();

/**
 * Declarations of some files, from the parse cache where it knows them; the others are parsed and
 * their entries cached. `all`: every file of the configuration, whose entries the cache keeps.
 */
async function loadFiles(
  files: readonly SourceFile[],
  cache: ParseCache,
  all: readonly SourceFile[] = files,
  cold?: ColdRead,
) {
  // What the cold read parsed, by index of `files` (then every file of the configuration).
  const known = files.map((file, i) => loadedThisRun.get(file) ?? cold?.entries[i]);
  const looked = cache.lookup(files.filter((_, i) => !known[i]));
  let next = 0;
  const entries = known.map((entry) => entry ?? looked[next++]);
  // A partial load may be followed by a whole one: what it took from the cache is kept for it.
  if (files.length < all.length)
    entries.forEach((entry, i) => entry && loadedThisRun.set(files[i]!, entry));
  const parsed =
    entries.filter((entry) => !entry).length + (cold?.entries.filter(Boolean).length ?? 0);
  const fresh = new Map<number, string>();
  const { inThread, made } = await parseOnTwoThreads(files, entries, cache);
  stopSpareThread(); // a thread started ahead that this load did not need
  for (const index of made) loadedThisRun.set(files[index]!, entries[index]!);
  if (cold) files.forEach((file, i) => cold.entries[i] && loadedThisRun.set(file, cold.entries[i]));
  const loaded = loadConfigWithEntries(files, entries);
  for (const [index, { entry, json }] of loaded.fresh) {
    fresh.set(index, json);
    loadedThisRun.set(files[index]!, entry);
  }
  const second = inThread.length + (cold?.inThread ?? 0);
  debug(
    `parsed ${parsed} of ${files.length} files${second ? `, ${second} on a second thread` : ''}`,
  );
  cache.store(files, fresh, all);
  return loaded;
}

/**
 * A large cold parse split across two threads (parse-in-thread.ts): files the cache misses get
 * their entries here; a file with diagnostics is left for loadConfigWithEntries, which reports
 * them. This thread parses from the first file forwards, the other from the last backwards, until
 * they meet; this one yields to the event loop now and then, so a store connecting or opening
 * meanwhile goes on. The entries' JSON made here goes to the other thread, which packs it into
 * the cache with its own while this one checks. Returns the indexes of the entries the second
 * thread gave (`inThread`), and of all entries made on either (`made`).
 */
async function parseOnTwoThreads(
  files: readonly SourceFile[],
  entries: (FileEntry | undefined)[],
  cache: ParseCache,
): Promise<{ inThread: number[]; made: number[] }> {
  const missing = entries.flatMap((entry, index) => (entry ? [] : [index]));
  const missingFiles = missing.map((index) => files[index]!);
  const target = cache.packTarget(missingFiles);
  const thread = parseShareInThread(missingFiles, target);
  if (!thread) return { inThread: [], made: [] };
  const made: number[] = [];
  let yielded = performance.now();
  try {
    for (let k = 0; k < missing.length && thread.claim(k); k++) {
      const index = missing[k]!;
      const entry = loadFileEntry(files[index]!);
      if (entry) {
        entries[index] = entry.entry;
        made.push(index);
        if (target) thread.keep(target.names[k]!, entry.json);
      }
      if (performance.now() - yielded > YIELD_EVERY_MS) {
        await nextTurn();
        yielded = performance.now();
      }
    }
  } finally {
    thread.kept(); // whatever happened here: the thread, waiting for it, may end
  }
  const answer = await thread.answer;
  const inThread: number[] = [];
  answer?.entries.forEach((given, k) => {
    if (!given) return;
    const index = missing[answer.from + k]!;
    entries[index] = given;
    inThread.push(index);
    made.push(index);
  });
  return { inThread, made };
}

/** How long the parse holds the event loop at a time, while another thread parses too. */
const YIELD_EVERY_MS = 20;

/** Loads every file (see loadFiles) and runs the pure checks. */
async function checkFiles(
  read: ReadResult,
  cache: ParseCache,
  cold?: ColdRead,
): Promise<CheckedConfig> {
  const loaded = await loadFiles(read.files, cache, read.files, cold);
  const assets = readAssets(assetsNeeded(loaded.resources), read.folders);
  return checkConfig(loaded.resources, [...read.diagnostics, ...loaded.diagnostics], assets);
}
