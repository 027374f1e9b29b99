import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';
import type { PackTarget } from './parse-cache.js';

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/workspace.
const WORKER = new URL('../workspace/parse-worker.js', import.meta.url);

/** Below this much YAML to parse, a thread costs more to start than it saves. */
const MIN_BYTES = 4 * 1024 * 1024;

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
 * A cold parse of a large configuration on two cores: a second thread parses, validates and
 * canonicalizes files into cache entries from the last one backwards while the caller parses from
 * the first forwards, until they meet. Each file is claimed before it is parsed, so the split
 * follows how fast each thread really goes: the thread takes more while the caller is busy
 * elsewhere (an embedded database opening) or descheduled on a busy machine. Undefined when there
 * is too little to parse, when CCAC_PARSE_THREADS=1 asks for one thread (a shared CI runner), or
 * when there is no built worker to run (tests of the sources run every parse on one thread).
 */
export function parseShareInThread(
  files: readonly SourceFile[],
  pack: PackTarget | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ParseThread | undefined {
  const total = files.reduce((sum, file) => sum + file.text.length, 0);
  if (total < MIN_BYTES || env.CCAC_PARSE_THREADS === '1' || !existsSync(WORKER)) return undefined;
  const claims = new Int32Array(new SharedArrayBuffer(4 * files.length));
  const work: ThreadWork = {
    files: files.map(({ path, digest }) => ({ path, digest })),
    claims: claims.buffer as SharedArrayBuffer,
    ...(pack ? { pack } : {}),
  };
  return {
    claim: (index) => Atomics.compareExchange(claims, index, UNCLAIMED, BY_CALLER) === UNCLAIMED,
    answer: runWorker(work),
  };
}

/** The worker's answer: the entries' JSON in one buffer (`[e0,e1,…]`). */
export interface PackedAnswer {
  /** The index of the first file the thread parsed: it parsed every one after. */
  from: number;
  /** The buffer the JSON was written into, transferred whole: its first `length` bytes. */
  bytes: ArrayBuffer;
  length: number;
}

function runWorker(work: ThreadWork): Promise<ThreadAnswer | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: work });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (answer: PackedAnswer) => {
      try {
        resolve(unpackAnswer(answer));
      } catch {
        resolve(undefined); // an answer that does not read back: the caller parses
      }
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined)); // without an answer: the caller parses
  });
}

function unpackAnswer({ from, bytes, length }: PackedAnswer): ThreadAnswer {
  const json = new TextDecoder().decode(new Uint8Array(bytes, 0, length));
  return { from, entries: JSON.parse(json) as (FileEntry | null)[] };
}
