import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './write-atomic.js';

/** One parse-cache entry to write: its file name in the cache folder and its JSON text. */
export interface EntryWrite {
  name: string;
  text: string;
}

/** Entries, and what a killed write left of one; the file index and kept checks are not entries. */
const ENTRY_OR_LEFTOVER = /^[0-9a-f]{64}\.json(\.\d+\.tmp)?$/;

/** Entries kept beyond those of the current run, before the others are removed. */
const SPARE_ENTRIES = 10_000;

/**
 * Writes entries into the cache folder, then prunes it. Synchronous: many entries are written on
 * a thread of their own (write-entries-worker.ts), where a plain loop of system calls is the
 * cheapest way to write a thousand files; a few, on the caller's. Best effort throughout: a
 * read-only or full disk costs the next run a parse.
 */
export function writeEntries(
  dir: string,
  writes: readonly EntryWrite[],
  used: ReadonlySet<string>,
): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return;
  }
  for (const { name, text } of writes) writeEntry(path.join(dir, name), text);
  prune(dir, used);
}

function writeEntry(file: string, text: string): void {
  try {
    writeFileAtomic(file, text);
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
