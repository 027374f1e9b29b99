import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileEntry } from './file-entry.js';
import type { SourceFile } from '../config/source-file.js';

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/workspace.
const WORKER = new URL('../workspace/parse-worker.js', import.meta.url);

/** Below this much YAML to parse, a thread costs more to start than it saves. */
const MIN_BYTES = 4 * 1024 * 1024;

/** The thread's share of the bytes: less than half, as it starts later (it loads the code first). */
const THREAD_SHARE = 0.45;

/** What the thread made of one file: its entry and that entry's JSON as UTF-8; null with diagnostics. */
export type ThreadEntry = { entry: FileEntry; bytes: Uint8Array } | null;

export interface ParseThread {
  /** The thread parses the files from this index on; the caller parses the ones before. */
  from: number;
  /** Entries of the thread's files, in order; undefined when the thread failed. */
  entries: Promise<ThreadEntry[] | undefined>;
}

/**
 * A cold parse of a large configuration on two cores: a second thread parses, validates and
 * canonicalizes a share of the files (their last ones) into cache entries while the caller
 * parses the rest. Undefined when there is too little to parse, when CCAC_PARSE_THREADS=1 asks
 * for one thread (a shared CI runner), or when there is no built worker to run (tests of the
 * sources run every parse on one thread).
 */
export function parseShareInThread(
  files: readonly SourceFile[],
  env: NodeJS.ProcessEnv = process.env,
): ParseThread | undefined {
  const total = files.reduce((sum, file) => sum + file.text.length, 0);
  if (total < MIN_BYTES || env.CCAC_PARSE_THREADS === '1' || !existsSync(WORKER)) return undefined;
  let from = files.length;
  for (let share = 0; from > 0 && share < total * THREAD_SHARE;)
    share += files[--from]!.text.length;
  const sent = files.slice(from).map(({ path, text }) => ({ path, text }));
  return { from, entries: runWorker(sent) };
}

/** The worker's answer: every entry's JSON in one buffer (`[e0,e1,…]`), and where each lies. */
export interface PackedAnswer {
  bytes: ArrayBuffer;
  offsets: number[];
  sizes: number[];
}

function runWorker(files: SourceFile[]): Promise<ThreadEntry[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER, { workerData: files });
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

function unpackAnswer({ bytes, offsets, sizes }: PackedAnswer): ThreadEntry[] {
  const entries = JSON.parse(new TextDecoder().decode(bytes)) as (FileEntry | null)[];
  return entries.map((entry, k) =>
    entry ? { entry, bytes: new Uint8Array(bytes, offsets[k], sizes[k]) } : null,
  );
}
