import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileEntry } from '../config/file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import { buildId } from './build-id.js';
import { openFileIndex, type FileIndex } from './file-index.js';

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
  /** `fresh`: entries as JSON text, by index of their file. Saves the file index too. */
  store(files: readonly SourceFile[], fresh: ReadonlyMap<number, string>): Promise<void>;
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
  const index = openFileIndex(dir);
  return {
    files: index,
    lookup: (files) => files.map((file) => readEntry(entryPath(file))),
    store: async (files, fresh) => {
      index.save();
      if (fresh.size === 0) return;
      try {
        mkdirSync(dir, { recursive: true });
      } catch {
        return;
      }
      await Promise.all(
        [...fresh].map(([index, entry]) => writeEntry(entryPath(files[index]!), entry)),
      );
      await prune(dir, new Set(files.map((file) => path.basename(entryPath(file)))));
    },
  };
}

const ENTRY_NAME = /^[0-9a-f]{64}\.json$/;

/** Entries kept beyond those of the current run, before the others are removed. */
const SPARE_ENTRIES = 10_000;

/**
 * Every edit leaves an entry behind: once they far outnumber the files of this run, the ones this
 * run did not use go. Runs after a change only, so an unchanged configuration pays nothing.
 */
async function prune(dir: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.length <= used.size + SPARE_ENTRIES) return;
  await Promise.all(
    names
      .filter((name) => ENTRY_NAME.test(name) && !used.has(name))
      .map((name) => rm(path.join(dir, name), { force: true }).catch(() => undefined)),
  );
}

function readEntry(file: string): FileEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<FileEntry> | null;
    return Array.isArray(entry?.resources) ? (entry as FileEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Written aside and renamed into place, so a reader never sees half an entry. */
async function writeEntry(file: string, entry: string): Promise<void> {
  const aside = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(aside, entry);
    await rename(aside, file);
  } catch {
    // A read-only or full disk costs the next run a parse, nothing more.
    await rm(aside, { force: true }).catch(() => undefined);
  }
}
