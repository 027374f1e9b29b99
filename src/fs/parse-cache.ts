import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from '../config/file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import { buildId } from './build-id.js';
import { writeEntries, type EntryWrite } from './write-entries.js';

/** Where entries live unless CCAC_CACHE_DIR says otherwise; CCAC_CACHE=off turns caching off. */
export const DEFAULT_CACHE_DIR = '.ccac/cache';

/**
 * The parse cache: one JSON entry per file content, named by a digest of the build and the
 * content, so an edited file or a new ccac build simply misses. Best effort throughout: an entry
 * that cannot be read or written is a miss, never an error. Safe to delete at any time.
 */
export interface ParseCache {
  lookup(files: readonly SourceFile[]): (FileEntry | undefined)[];
  /**
   * `fresh`: entries as JSON text, by index of their file. Many entries are written by a thread
   * while the run goes on (the process does not exit before it is done); a few, here and now.
   */
  store(files: readonly SourceFile[], fresh: ReadonlyMap<number, string>): Promise<void>;
}

const NO_CACHE: ParseCache = {
  lookup: (files) => files.map(() => undefined),
  store: async () => {},
};

export function openParseCache(env: NodeJS.ProcessEnv = process.env): ParseCache {
  const build = buildId();
  if (build === undefined || env.CCAC_CACHE === 'off') return NO_CACHE;
  const dir = path.resolve(env.CCAC_CACHE_DIR || DEFAULT_CACHE_DIR);
  const entryPath = (file: SourceFile) =>
    path.join(
      dir,
      `${createHash('sha256').update(build).update('\0').update(file.text).digest('hex')}.json`,
    );
  return {
    lookup: (files) => files.map((file) => readEntry(entryPath(file))),
    store: async (files, fresh) => {
      if (fresh.size === 0) return;
      // Each file's entry name once: used for the writes and to know which entries to keep.
      const names = files.map((file) => path.basename(entryPath(file)));
      const writes = [...fresh].map(([index, text]) => ({ name: names[index]!, text }));
      const bytes = writes.reduce((sum, { text }) => sum + text.length, 0);
      if (bytes < BACKGROUND_BYTES) writeEntries(dir, writes, new Set(names));
      else writeInBackground(dir, writes, names);
    },
  };
}

const WRITER = new URL('./write-entries-worker.js', import.meta.url);

/** Below this much entry text, starting a thread costs more than writing on this one. */
const BACKGROUND_BYTES = 1024 * 1024;

/**
 * A cold run of a large configuration writes thousands of entries (38 MB at 100k resources):
 * almost a second of system calls, which a thread of their own does while the run plans. The
 * process exits once the thread is done; a thread that fails leaves the cache as it was.
 */
function writeInBackground(dir: string, writes: EntryWrite[], used: string[]): void {
  try {
    new Worker(WRITER, { workerData: { dir, writes, used } }).on('error', () => undefined);
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
