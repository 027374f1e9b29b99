import type { KeyObject } from 'node:crypto';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import type { CacheSettings } from './cache-settings.js';
import { keyedName, unseal } from './cache-seal.js';
import { openFileIndex, type FileIndex } from './file-index.js';
import { readCacheFile } from './read-cache-file.js';
import { packEntries, writeEntries, type EntryWrite } from './write-entries.js';

/**
 * The parse cache: one JSON entry per file content, named by a MAC of the build and the content
 * (cache-seal.ts), so an edited file or a new ccac build simply misses, and sealed, so an entry
 * this machine did not write for these bytes is a miss too. Best effort throughout: an entry that
 * cannot be read or written is a miss, never an error. Safe to delete at any time.
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

/** The parse cache of these settings; one that keeps nothing when caching is off (undefined). */
export function openParseCache(settings: CacheSettings | undefined): ParseCache {
  if (!settings) return NO_CACHE;
  const { dir, build, key } = settings;
  const entryName = (file: SourceFile) =>
    `${keyedName(key, build, file.digest !== undefined ? `bytes ${file.digest}` : `text ${file.text}`)}.json`;
  const fileIndex = openFileIndex(dir, key);
  return {
    files: fileIndex,
    lookup: (files) => files.map((file) => readEntry(dir, key, entryName(file))),
    store: async (files, fresh, inUse = files) => {
      fileIndex.save();
      if (fresh.size === 0) return;
      const writes = [...fresh].map(([index, data]) => ({ name: entryName(files[index]!), data }));
      const used = inUse.map(entryName);
      const bytes = writes.reduce((sum, { data }) => sum + data.length, 0);
      if (bytes < BACKGROUND_BYTES) writeEntries(dir, key, writes, new Set(used));
      else writeInBackground(dir, key, writes, used);
    },
  };
}

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/workspace.
const WRITER = new URL('../workspace/write-entries-worker.js', import.meta.url);

/** Below this much entry text, starting a thread costs more than writing on this one. */
const BACKGROUND_BYTES = 1024 * 1024;

/**
 * A cold run of a large configuration writes thousands of entries (38 MB at 100k resources):
 * almost a second of system calls and their MACs, which a thread of their own does while the run
 * plans. The process exits once the thread is done; a thread that fails leaves the cache as it was.
 */
function writeInBackground(
  dir: string,
  key: KeyObject,
  writes: EntryWrite[],
  used: string[],
): void {
  try {
    const entries = packEntries(writes);
    new Worker(WRITER, {
      workerData: { dir, key, entries, used },
      transferList: [entries.bytes],
    }).on('error', () => undefined);
  } catch {
    // No thread to be had: the next run parses these files again.
  }
}

/** An entry as this machine wrote it (its MAC verifies, so it is JSON of this build), else a miss. */
function readEntry(dir: string, key: KeyObject, name: string): FileEntry | undefined {
  const read = readCacheFile(path.join(dir, name));
  const data = read && unseal(key, name, read.bytes);
  return data && (JSON.parse(data.toString('utf8')) as FileEntry);
}
