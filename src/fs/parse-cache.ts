import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from '../config/file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import { buildId } from './build-id.js';
import { openFileIndex, type FileIndex } from './file-index.js';
import { packEntries, writeEntries, type EntryWrite } from './write-entries.js';

/** Where entries live unless CCAC_CACHE_DIR says otherwise; CCAC_CACHE=off turns caching off. */
export const DEFAULT_CACHE_DIR = '.ccac/cache';

/**
 * The parse cache: one JSON entry per file content, named by a digest of the build and the
 * content, so an edited file or a new ccac build simply misses. Best effort throughout: an entry
 * that cannot be read or written is a miss, never an error. Safe to delete at any time.
 */
export interface ParseCache {
  /** What the cache knows of files by their stat, so unchanged ones are not read (file-index.ts). */
  files?: FileIndex;
  lookup(files: readonly SourceFile[]): (FileEntry | undefined)[];
  /**
   * `fresh`: entries as JSON (text or UTF-8), by index of their file in `files`; `inUse`, every file of the
   * configuration when `files` are some of them (their entries are kept when the cache is pruned).
   * Many entries are written by a thread while the run goes on (the process does not exit before
   * it is done); a few, here and now. The file index is saved too.
   */
  store(
    files: readonly SourceFile[],
    fresh: ReadonlyMap<number, string | Uint8Array>,
    inUse?: readonly SourceFile[],
  ): Promise<void>;
}

const NO_CACHE: ParseCache = {
  lookup: (files) => files.map(() => undefined),
  store: async () => {},
};

/** Where the caches live and which build fills them; undefined when caching is off. */
export function cacheSettings(
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; build: string } | undefined {
  const build = buildId();
  if (build === undefined || env.CCAC_CACHE === 'off') return undefined;
  return { dir: path.resolve(env.CCAC_CACHE_DIR || DEFAULT_CACHE_DIR), build };
}

export function openParseCache(env: NodeJS.ProcessEnv = process.env): ParseCache {
  const settings = cacheSettings(env);
  if (!settings) return NO_CACHE;
  const { dir, build } = settings;
  const entryPath = (file: SourceFile) =>
    path.join(
      dir,
      `${createHash('sha256')
        .update(build)
        .update('\0')
        .update(file.digest !== undefined ? `bytes ${file.digest}` : `text ${file.text}`)
        .digest('hex')}.json`,
    );
  const fileIndex = openFileIndex(dir);
  return {
    files: fileIndex,
    lookup: (files) => files.map((file) => readEntry(entryPath(file))),
    store: async (files, fresh, inUse = files) => {
      fileIndex.save();
      if (fresh.size === 0) return;
      const name = (file: SourceFile) => path.basename(entryPath(file));
      const writes = [...fresh].map(([index, data]) => ({ name: name(files[index]!), data }));
      const used = inUse.map(name);
      const bytes = writes.reduce((sum, { data }) => sum + data.length, 0);
      if (bytes < BACKGROUND_BYTES) writeEntries(dir, writes, new Set(used));
      else writeInBackground(dir, writes, used);
    },
  };
}

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/fs.
const WRITER = new URL('../fs/write-entries-worker.js', import.meta.url);

/** Below this much entry text, starting a thread costs more than writing on this one. */
const BACKGROUND_BYTES = 1024 * 1024;

/**
 * A cold run of a large configuration writes thousands of entries (38 MB at 100k resources):
 * almost a second of system calls, which a thread of their own does while the run plans. The
 * process exits once the thread is done; a thread that fails leaves the cache as it was.
 */
function writeInBackground(dir: string, writes: EntryWrite[], used: string[]): void {
  try {
    const entries = packEntries(writes);
    new Worker(WRITER, { workerData: { dir, entries, used }, transferList: [entries.bytes] }).on(
      'error',
      () => undefined,
    );
  } catch {
    // No thread to be had: the next run parses these files again.
  }
}

function readEntry(file: string): FileEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<FileEntry> | null;
    return Array.isArray(entry?.resources) ? (entry as FileEntry) : undefined;
  } catch {
    return undefined;
  }
}
