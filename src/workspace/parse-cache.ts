import type { KeyObject } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import type { CacheSettings } from './cache-settings.js';
import { keyedName } from './cache-seal.js';
import { openFileIndex, type FileIndex } from './file-index.js';
import { openPacks, readPacked, writePack, type Packs } from './cache-pack.js';

/**
 * The parse cache: one JSON entry per file content, named by a MAC of the build and the content
 * (cache-seal.ts), so an edited file or a new ccac build simply misses, and sealed, so an entry
 * this machine did not write for these bytes is a miss too. The entries a run makes are packed
 * into one file (cache-pack.ts). Best effort throughout: an entry that cannot be read or written
 * is a miss, never an error. Safe to delete at any time.
 */
export interface ParseCache {
  /** What the cache knows of files by their stat, so unchanged ones are not read (file-index.ts). */
  files?: FileIndex;
  lookup(files: readonly SourceFile[]): (FileEntry | undefined)[];
  /**
   * Packs `fresh` (entries as JSON, by index of their file in `files`), here and
   * now; `inUse`: every file of the configuration when `files` are some of them (their entries
   * are kept when the packs are folded into one). The file index is saved too.
   */
  store(
    files: readonly SourceFile[],
    fresh: ReadonlyMap<number, string>,
    inUse?: readonly SourceFile[],
  ): void;
  /** Where another thread packs the entries it makes of `files` (cache-pack.ts); none uncached. */
  packTarget(files: readonly SourceFile[]): PackTarget | undefined;
  /** The name of a file's entry (its content's); only where packTarget gives a target. */
  entryName(file: SourceFile): string;
  /** Whether the cache holds no entry at all (or is off): a lookup would find nothing. */
  empty(): boolean;
}

/**
 * What a thread needs to pack entries itself: the folder, the key, each file's entry name (or the
 * build, to name entries of the files it read itself: entryNameOf).
 */
export interface PackTarget {
  dir: string;
  key: KeyObject;
  names: string[];
  build: string;
}

/** The name of the entry of a file's bytes with this `digest` (bytesDigest), in a build's cache. */
export function entryNameOf(key: KeyObject, build: string, digest: string): string {
  return keyedName(key, build, `bytes ${digest}`);
}

const NO_CACHE: ParseCache = {
  lookup: (files) => files.map(() => undefined),
  store: () => {},
  packTarget: () => undefined,
  entryName: () => '',
  empty: () => true,
};

/**
 * Packs kept before a run folds them into its own: every run that parses adds one (a cold run on
 * two threads two), and a lookup reads every pack's index.
 */
const MAX_PACKS = 8;

/** Entries as single files, as builds before packs wrote them. */
const SINGLE_ENTRY = /^[0-9a-f]{64}\.json(\.[0-9a-f]+\.tmp)?$/;
/** A pack being written, or what a killed run left of one once it is this old. */
const PACK_ASIDE = /^pack-[0-9a-f]{16}\.ccac\.tmp$/;
const ABANDONED_MS = 10 * 60 * 1000;

/** The parse cache of these settings; one that keeps nothing when caching is off (undefined). */
export function openParseCache(settings: CacheSettings | undefined): ParseCache {
  if (!settings) return NO_CACHE;
  const { dir, build, key } = settings;
  const entryName = (file: SourceFile) =>
    file.digest !== undefined
      ? entryNameOf(key, build, file.digest)
      : keyedName(key, build, `text ${file.text}`);
  const fileIndex = openFileIndex(dir, key);
  let opened: Packs | undefined;
  const packs = () => (opened ??= openPacks(dir));
  return {
    files: fileIndex,
    lookup: (files) => files.map((file) => readEntry(key, packs(), entryName(file))),
    store: (files, fresh, inUse = files) => {
      fileIndex.save();
      const { files: packFiles, entries } = packs();
      const folding = packFiles.length >= MAX_PACKS;
      if (fresh.size === 0 && !folding) return;
      const writes = [...fresh].map(([index, data]) => ({ name: entryName(files[index]!), data }));
      const written = new Set(writes.map(({ name }) => name));
      const kept = folding
        ? inUse.flatMap((file) => {
            const name = entryName(file);
            const entry = entries.get(name);
            return entry && !written.has(name) ? [entry] : [];
          })
        : [];
      if (!writePack(dir, key, writes, kept) || !folding) return;
      removeFolded(dir, packFiles);
      // Their entries stay readable this run (the descriptors are open); there is nothing to fold.
      opened = { files: [], entries };
    },
    packTarget: (files) => ({ dir, key, names: files.map(entryName), build }),
    entryName,
    empty: () => packs().entries.size === 0,
  };
}

/** The packs folded into a run's own, and entries of older builds: the run's pack holds what is in use. */
function removeFolded(dir: string, packFiles: readonly string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const folded = new Set(packFiles);
  for (const name of names) {
    const file = path.join(dir, name);
    if (!folded.has(name) && !SINGLE_ENTRY.test(name) && !abandoned(file, name)) continue;
    try {
      rmSync(file, { force: true });
    } catch {
      // Someone else's file, or gone already: the next fold tries again.
    }
  }
}

/** A pack another run began long ago and never finished (one being written now is kept). */
function abandoned(file: string, name: string): boolean {
  try {
    return PACK_ASIDE.test(name) && Date.now() - statSync(file).mtimeMs > ABANDONED_MS;
  } catch {
    return false;
  }
}

/** An entry as this machine wrote it (its MAC verifies, so it is JSON of this build), else a miss. */
function readEntry(key: KeyObject, packs: Packs, name: string): FileEntry | undefined {
  const packed = packs.entries.get(name);
  const data = packed && readPacked(key, packed);
  return data && (JSON.parse(data.toString('utf8')) as FileEntry);
}
