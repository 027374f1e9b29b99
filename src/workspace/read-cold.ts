import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../config/source-file.js';
import { regularFileStats } from '../support/read-regular-file.js';
import type { FileEntry } from './file-entry.js';
import { loadFileEntry } from './load-with-entries.js';
import type { ParseCache } from './parse-cache.js';
import {
  PARSE_THREAD_BYTES,
  parseFoundInThread,
  startParseThread,
  type ThreadAnswer,
} from './parse-in-thread.js';
import { readFound, unreadSource, type Listed, type ReadResult } from './read-config-files.js';
import { nextTurn } from '../support/in-turns.js';

/** A configuration read and parsed at once: its files, and the entries of those parsed clean. */
export interface ColdRead {
  read: ReadResult;
  /** By index of `read.files`: the file's entry, or undefined for one left to load with diagnostics. */
  entries: (FileEntry | undefined)[];
  /** How many of the entries the second thread made. */
  inThread: number;
}

/**
 * A cold run's read (no last check to compare the files with, nothing in the parse cache): the
 * files' digests are needed only once they are all parsed, so reading and parsing go together on
 * two threads from the moment the files are listed. This thread reads and parses from the first
 * file forwards, the second from the last backwards, each file read once, by the thread that
 * parses it (the second says what it read: digest and stats, for the check and the file index).
 * A file the second thread could not read, decode or parse clean is read here, and its
 * diagnostics reported as a one-thread read reports them. Undefined when the files are too few to
 * share (parse-in-thread.ts): they are read as readConfigFiles reads them.
 */
export async function readAndParseCold(
  listed: Listed,
  cache: ParseCache,
): Promise<ColdRead | undefined> {
  const bytes = bytesUpTo(listed.found, PARSE_THREAD_BYTES);
  const target = cache.packTarget([]);
  // Started now unless the command started it while loading (early-thread.ts).
  if (bytes >= PARSE_THREAD_BYTES) startParseThread();
  const thread = parseFoundInThread(listed.found, bytes, target);
  if (!thread) return undefined;
  const { found } = listed;
  // Filled, not holey: filter skips holes.
  const files: (SourceFile | Diagnostic | undefined)[] = new Array(found.length).fill(undefined);
  const entries: (FileEntry | undefined)[] = new Array(found.length).fill(undefined);
  let mine = 0;
  let yielded = performance.now();
  try {
    for (; mine < found.length && thread.claim(mine); mine++) {
      const file = readFound(found[mine]!, cache.files);
      files[mine] = file;
      if ('code' in file) continue;
      const made = loadFileEntry(file);
      if (made) {
        entries[mine] = made.entry;
        if (target) thread.keep(cache.entryName(file), made.json);
      }
      // Now and then the event loop runs: a store connecting or opening meanwhile goes on.
      if (performance.now() - yielded > YIELD_EVERY_MS) {
        await nextTurn();
        yielded = performance.now();
      }
    }
  } finally {
    thread.kept(); // whatever happened here: the thread, waiting for it, may end
  }
  const inThread = takeAnswer(await thread.answer, mine, listed, cache, files, entries);
  return { read: readResult(listed, files), entries: entries.filter(kept(files)), inThread };
}

/** How long this thread holds the event loop at a time. */
const YIELD_EVERY_MS = 20;

/**
 * How many bytes the files hold, counted until `enough`: all that is asked is whether they reach
 * it, and 1,601 files of 16 KB do after 256 of them (each size an lstat on this thread, before
 * its first parse).
 */
function bytesUpTo(found: Listed['found'], enough: number): number {
  let bytes = 0;
  for (let i = 0; i < found.length && bytes < enough; i++) bytes += sizeOf(found[i]!.real);
  return bytes;
}

/** A file's size as its stats say (0 when it will not read: the read reports why). */
function sizeOf(real: string): number {
  const named = regularFileStats(real);
  return 'stats' in named ? Number(named.stats.size) : 0;
}

/**
 * The second thread's files (from `mine` on) taken from its answer: each one it parsed clean as it
 * read it; any other read here, left for the load to parse and report. Returns how many it gave.
 */
function takeAnswer(
  answer: ThreadAnswer | undefined,
  mine: number,
  { found }: Listed,
  cache: ParseCache,
  files: (SourceFile | Diagnostic | undefined)[],
  entries: (FileEntry | undefined)[],
): number {
  let given = 0;
  for (let index = mine; index < found.length; index++) {
    const k = answer ? index - answer.from : -1;
    const entry = k >= 0 ? answer?.entries[k] : undefined;
    const read = k >= 0 ? answer?.read?.[k] : undefined;
    if (entry && read) {
      files[index] = unreadSource(found[index]!, read.digest);
      cache.files?.recordFacts(found[index]!.path, read.stats, read.digest);
      entries[index] = entry;
      given++;
    } else files[index] = readFound(found[index]!, cache.files);
  }
  return given;
}

/** The files as readConfigFiles gives them: those that read, and why the others did not. */
function readResult(
  listed: Listed,
  files: readonly (SourceFile | Diagnostic | undefined)[],
): ReadResult {
  const diagnostics = [...listed.diagnostics];
  const read: SourceFile[] = [];
  for (const file of files) {
    if (!file) continue;
    if ('code' in file) diagnostics.push(file);
    else read.push(file);
  }
  return { files: read, diagnostics, folders: listed.folders };
}

/** Keeps the entries of files that read (the filter readResult applies to the files). */
function kept(files: readonly (SourceFile | Diagnostic | undefined)[]) {
  return (_: FileEntry | undefined, index: number) => {
    const file = files[index];
    return file !== undefined && !('code' in file);
  };
}
