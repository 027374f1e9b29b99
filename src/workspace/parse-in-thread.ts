import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import type { PackTarget } from './parse-cache.js';
import type { StatFacts } from './file-index.js';
import type { Found } from './read-config-files.js';
import { debug } from '../support/debug.js';

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/workspace.
const WORKER = new URL('../workspace/parse-worker.js', import.meta.url);

/** Below this much YAML to parse, a thread costs more to start than it saves. */
export const PARSE_THREAD_BYTES = 4 * 1024 * 1024;

/** Who parses a file (`claims`, one per file): nobody yet, the caller, the thread. */
export const UNCLAIMED = 0;
export const BY_CALLER = 1;
export const BY_THREAD = 2;

/** What the thread parsed: the files from `from` on, in order (null: diagnostics); undefined when the thread failed. */
export interface ThreadAnswer {
  from: number;
  entries: (FileEntry | null)[];
  /** When it read the files itself (ThreadWork.reads): what it read of each, as `entries`. */
  read?: (FileRead | null)[];
}

/** What the thread read of a file whose entry it gives: the digest of its bytes, its stats. */
export interface FileRead {
  digest: string;
  stats: StatFacts;
}

export interface ParseThread {
  /**
   * Claims file `index` for the caller: false once the thread has claimed it, which means the
   * thread has every file from there on. The caller claims from the first file forwards.
   */
  claim(index: number): boolean;
  /** The thread's entries, once it is done; undefined when it failed (the caller parses them). */
  answer: Promise<ThreadAnswer | undefined>;
  /**
   * Gives the thread the JSON of an entry the caller made, by its name in the cache, to pack with
   * its own (nothing when uncached): the caller neither keeps nor writes it.
   */
  keep(name: string, json: string): void;
  /** Says the caller has given every entry it made: the thread packs them all. */
  kept(): void;
}

/**
 * What the thread is sent: the files by path and digest, which it reads itself. Their texts,
 * cloned into the thread, cost this one ≈ 0.1 s per 10 MB of serializing; the thread reads a
 * file again from the page cache and parses it only when its bytes have the digest this one read.
 */
export interface ThreadWork {
  /** `real`: where to read it, when not at `path`. */
  files: { path: string; digest: string | undefined; real?: string }[];
  /**
   * The caller has not read the files (a cold run: nothing to compare them with before parsing):
   * the thread reads each one it claims and says what it read (ThreadAnswer.read); digests are
   * not given.
   */
  reads?: true;
  /** Int32 per file (UNCLAIMED, BY_CALLER, BY_THREAD), shared: claimed with compareExchange. */
  claims: SharedArrayBuffer;
  /** Where the thread packs the entries it made, once it has answered; none when uncached. */
  pack?: PackTarget;
}

/**
 * What the caller sends after the work, when the entries are cached: the entries it made, by
 * index of their file, then `end`.
 */
export type CallerMessage = { made: [name: string, json: string][] } | { end: true };

/** How many of its entries the caller gives the thread at a time. */
const KEPT_PART = 32;

/**
 * What the thread sends back as it goes: the entries of files `from` to `from + n - 1`, each the
 * JSON text it made for the cache (null for a file with diagnostics); then `done`: it parsed every
 * file from `from` on. Texts, not one buffer of UTF-8 per part: cloned texts cost this thread
 * about a quarter less CPU to take and parse than a part's bytes decoded and parsed whole
 * (bench/HISTORY.md, Session 13), and the thread encodes nothing.
 */
export type ThreadMessage =
  { from: number; texts: (string | null)[]; read?: (FileRead | null)[] } | { done: number };

/**
 * A thread started while the files are still being read, before anyone knows whether they must
 * be parsed: loading its modules (≈ 0.1–0.2 s) then overlaps the reading. Unreferenced until a
 * parse takes it, so it never holds the process open.
 */
let spare: Worker | undefined;

/** Whether this run may parse on a second thread: not with CCAC_PARSE_THREADS=1, nor unbuilt. */
function threadsAllowed(env: NodeJS.ProcessEnv): boolean {
  return env.CCAC_PARSE_THREADS !== '1' && existsSync(WORKER);
}

/**
 * Starts the second thread ahead of its work (see `spare`): called once a run has read enough
 * YAML that a cold parse of it would share. Once is enough; a failure to start is no error.
 */
export function startParseThread(env: NodeJS.ProcessEnv = process.env): void {
  if (spare || !threadsAllowed(env)) return;
  try {
    spare = new Worker(WORKER);
    spare.unref();
    debug('a second parse thread started while the files are read');
  } catch {
    spare = undefined;
  }
}

/** Ends a thread started ahead that no parse took: every file came from the caches. */
export function stopSpareThread(): void {
  if (!spare) return;
  void spare.terminate();
  spare = undefined;
  debug('the second parse thread was not needed');
}

/**
 * A cold parse of a large configuration on two cores: a second thread parses, validates and
 * canonicalizes files into cache entries from the last one backwards while the caller parses from
 * the first forwards, until they meet. Each file is claimed before it is parsed, so the split
 * follows how fast each thread really goes: the thread takes more while the caller is busy
 * elsewhere (an embedded database opening, the thread's entries decoded as they arrive) or
 * descheduled on a busy machine. Undefined when there is too little to parse, when
 * CCAC_PARSE_THREADS=1 asks for one thread (a shared CI runner), or when there is no built worker
 * to run (tests of the sources run every parse on one thread).
 */
export function parseShareInThread(
  files: readonly SourceFile[],
  pack: PackTarget | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ParseThread | undefined {
  const total = files.reduce((sum, file) => sum + file.text.length, 0);
  if (total < PARSE_THREAD_BYTES || !threadsAllowed(env)) return undefined;
  return shareWork(
    files.map(({ path, digest }) => ({ path, digest })),
    pack,
  );
}

/**
 * As parseShareInThread, for files nobody has read yet (a cold run): the caller reads each file
 * it claims, the thread each of its own, and says what it read (ThreadAnswer.read). `bytes`: how
 * much they hold as their stats say (counted until it reaches PARSE_THREAD_BYTES). Undefined as
 * parseShareInThread.
 */
export function parseFoundInThread(
  found: readonly Found[],
  bytes: number,
  pack: PackTarget | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ParseThread | undefined {
  if (bytes < PARSE_THREAD_BYTES || !threadsAllowed(env)) return undefined;
  const files = found.map(({ path, real }) => ({ path, real, digest: undefined }));
  return shareWork(files, pack, true);
}

function shareWork(
  files: ThreadWork['files'],
  pack: PackTarget | undefined,
  reads?: true,
): ParseThread {
  const claims = new Int32Array(new SharedArrayBuffer(4 * files.length));
  const work: ThreadWork = {
    files,
    claims: claims.buffer as SharedArrayBuffer,
    ...(pack ? { pack } : {}),
    ...(reads ? { reads } : {}),
  };
  const worker = takeThread();
  let made: [string, string][] = [];
  const send = (message: CallerMessage) => pack && worker?.postMessage(message);
  return {
    claim: (index) => Atomics.compareExchange(claims, index, UNCLAIMED, BY_CALLER) === UNCLAIMED,
    answer: runWorker(worker, work),
    keep(name, json) {
      if (!pack) return;
      made.push([name, json]);
      if (made.length < KEPT_PART) return;
      send({ made });
      made = [];
    },
    kept() {
      if (made.length > 0) send({ made });
      made = [];
      send({ end: true });
    },
  };
}

/** The spare thread, or a new one; undefined when none starts. */
function takeThread(): Worker | undefined {
  const taken = spare;
  spare = undefined;
  try {
    return taken ?? new Worker(WORKER);
  } catch {
    return undefined;
  }
}

/**
 * Sends the thread its work and gathers its answer. Each part is decoded as it arrives, while
 * this thread still parses: only the last part is left for after they meet.
 */
function runWorker(
  worker: Worker | undefined,
  work: ThreadWork,
): Promise<ThreadAnswer | undefined> {
  return new Promise((resolve) => {
    if (!worker) {
      resolve(undefined);
      return;
    }
    worker.ref();
    const entries: (FileEntry | null)[] = [];
    const read: (FileRead | null)[] = [];
    worker.on('message', (message: ThreadMessage) => {
      try {
        if ('done' in message) {
          const from = message.done;
          const answer = { from, entries: entries.slice(from) };
          resolve(work.reads ? { ...answer, read: read.slice(from) } : answer);
        } else {
          const { from, texts } = message;
          texts.forEach(
            (text, k) => (entries[from + k] = text === null ? null : parsedEntry(text)),
          );
          message.read?.forEach((facts, k) => (read[from + k] = facts));
        }
      } catch {
        resolve(undefined); // a part that does not read back: the caller parses them all
      }
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined)); // without an answer: the caller parses
    worker.postMessage(work);
  });
}

function parsedEntry(json: string): FileEntry {
  return JSON.parse(json) as FileEntry;
}
