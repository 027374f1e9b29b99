import type { KeyObject } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { seal } from './cache-seal.js';
import { Utf8Buffer } from './utf8-buffer.js';
import { writeFileAtomic } from './write-atomic.js';

/** One parse-cache entry to write: its file name in the cache folder and its JSON (or its bytes). */
export interface EntryWrite {
  name: string;
  data: string | Uint8Array;
}

/** Entries as they cross to another thread: every text's UTF-8 in one buffer, handed over whole. */
export interface PackedEntries {
  names: string[];
  sizes: number[];
  bytes: ArrayBuffer;
}

/**
 * Cloning thousands of strings into a thread costs its sender a copy of each (≈ 0.2 s for 38 MB);
 * one buffer is encoded in a fraction of that and transferred without a copy.
 */
export function packEntries(writes: readonly EntryWrite[]): PackedEntries {
  const buffer = new Utf8Buffer(writes.reduce((sum, { data }) => sum + data.length, 0));
  const sizes = writes.map(({ data }) => buffer.put(data));
  return { names: writes.map(({ name }) => name), sizes, bytes: buffer.bytes() };
}

export function unpackEntries({ names, sizes, bytes }: PackedEntries): EntryWrite[] {
  let at = 0;
  return names.map((name, i) => {
    const data = new Uint8Array(bytes, at, sizes[i]);
    at += sizes[i]!;
    return { name, data };
  });
}

/** Entries, and what a killed write left of one; the file index and kept checks are not entries. */
const ENTRY_OR_LEFTOVER = /^[0-9a-f]{64}\.json(\.[0-9a-f]+\.tmp)?$/;

/** Entries kept beyond those of the current run, before the others are removed. */
const SPARE_ENTRIES = 10_000;

/**
 * Writes entries, sealed with the cache key (cache-seal.ts), into the cache folder, then prunes
 * it. Synchronous: many entries are written on a thread of their own (write-entries-worker.ts),
 * where a plain loop of system calls is the cheapest way to write a thousand files; a few, on the
 * caller's. Best effort throughout: a read-only or full disk costs the next run a parse.
 */
export function writeEntries(
  dir: string,
  key: KeyObject,
  writes: readonly EntryWrite[],
  used: ReadonlySet<string>,
): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  for (const { name, data } of writes) writeEntry(path.join(dir, name), seal(key, name, data));
  prune(dir, used);
}

function writeEntry(file: string, data: string | Uint8Array): void {
  try {
    writeFileAtomic(file, data);
  } catch {
    // This file is parsed again next time.
  }
}

/**
 * Every edit leaves an entry behind: once they far outnumber the files of this run, the ones this
 * run did not use go (an entry half-written by a run that was killed among them).
 */
function prune(dir: string, used: ReadonlySet<string>): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  if (names.length <= used.size + SPARE_ENTRIES) return;
  for (const name of names) {
    if (used.has(name) || !ENTRY_OR_LEFTOVER.test(name)) continue;
    try {
      rmSync(path.join(dir, name), { force: true });
    } catch {
      // Someone else's file, or gone already: the next prune tries again.
    }
  }
}
