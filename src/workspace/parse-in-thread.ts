import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import type { PackTarget } from './parse-cache.js';
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
   * Gives the thread the JSON of the entry the caller made of file `index`, to pack into the
   * cache with its own (nothing when uncached): the caller neither keeps nor writes it.
   */
  keep(index: number, json: string): void;
  /** Says the caller has given every entry it made: the thread packs them all. */
  kept(): void;
}

/**
 * What the thread is sent: the files by path and digest, which it reads itself. Their texts,
 * cloned into the thread, cost this one ≈ 0.1 s per 10 MB of serializing; the thread reads a
 * file again from the page cache and parses it only when its bytes have the digest this one read.
 */
export interface ThreadWork {
  files: { path: string; digest: string | undefined }[];
  /** Int32 per file (UNCLAIMED, BY_CALLER, BY_THREAD), shared: claimed with compareExchange. */
  claims: SharedArrayBuffer;
  /** Where the thread packs the entries it made, once it has answered; none when uncached. */
  pack?: PackTarget;
}

/**
 * What the caller sends after the work, when the entries are cached: the entries it made, by
 * index of their file, then `end`.
 */
export type CallerMessage = { made: [index: number, json: string][] } | { end: true };

/** How many of its entries the caller gives the thread at a time. */
const KEPT_PART = 32;

/**
 * What the thread sends back as it goes: the entries of files `from` to `from + n - 1` as one
 * JSON array (`[e0,e1,…]`, null for a file with diagnostics) in the buffer it was written into,
 * transferred whole (its first `length` bytes); then `done`: it parsed every file from `from` on.
 */
export type ThreadMessage = { from: number; bytes: ArrayBuffer; length: number } | { done: number };

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
  const claims = new Int32Array(new SharedArrayBuffer(4 * files.length));
  const work: ThreadWork = {
    files: files.map(({ path, digest }) => ({ path, digest })),
    claims: claims.buffer as SharedArrayBuffer,
    ...(pack ? { pack } : {}),
  };
  const worker = takeThread();
  let made: [number, string][] = [];
  const send = (message: CallerMessage) => pack && worker?.postMessage(message);
  return {
    claim: (index) => Atomics.compareExchange(claims, index, UNCLAIMED, BY_CALLER) === UNCLAIMED,
    answer: runWorker(worker, work),
    keep(index, json) {
      if (!pack) return;
      made.push([index, json]);
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
    worker.on('message', (message: ThreadMessage) => {
      try {
        if ('done' in message)
          resolve({ from: message.done, entries: entries.slice(message.done) });
        else decodeInto(entries, message);
      } catch {
        resolve(undefined); // a part that does not read back: the caller parses them all
      }
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined)); // without an answer: the caller parses
    worker.postMessage(work);
  });
}

function decodeInto(
  entries: (FileEntry | null)[],
  { from, bytes, length }: { from: number; bytes: ArrayBuffer; length: number },
): void {
  const json = new TextDecoder().decode(new Uint8Array(bytes, 0, length));
  (JSON.parse(json) as (FileEntry | null)[]).forEach((entry, k) => (entries[from + k] = entry));
}
