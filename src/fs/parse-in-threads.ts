import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { SourceFile } from '../config/source-file.js';

/** Below this much YAML to parse, starting threads costs more than it saves. */
const MIN_BYTES = 4 * 1024 * 1024;

const WORKER = new URL('./parse-worker.js', import.meta.url);

/**
 * Cache entries (JSON text) for many files at once, parsed on every core: a cold plan of a
 * partner's configuration is mostly parsing. Null for a file with diagnostics; undefined when
 * the files are too few to be worth threads (or when running unbuilt code), so the caller parses.
 */
export async function entriesInThreads(
  files: readonly SourceFile[],
): Promise<{ entries: (string | null)[]; threads: number } | undefined> {
  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  const threads = threadCount();
  if (bytes < MIN_BYTES || threads < 2 || !WORKER.pathname.endsWith('.js')) return undefined;
  const shares = share(files, threads);
  const results = await Promise.all(
    shares.map((indexes) => runWorker(indexes.map((i) => files[i]!))),
  );
  const out = new Array<string | null>(files.length);
  shares.forEach((indexes, s) =>
    indexes.forEach((fileIndex, k) => (out[fileIndex] = results[s]![k]!)),
  );
  return { entries: out, threads };
}

/** One per core (at most 8), or CCAC_PARSE_THREADS: a shared CI runner may want fewer. */
function threadCount(): number {
  const asked = Number(process.env.CCAC_PARSE_THREADS);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.min(availableParallelism(), 8);
}

/** Indexes of files split into `threads` shares of about equal size, in file order within each. */
function share(files: readonly SourceFile[], threads: number): number[][] {
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  const bySize = files
    .map((_, i) => i)
    .sort((a, b) => files[b]!.text.length - files[a]!.text.length);
  for (const index of bySize) {
    const lightest = load.indexOf(Math.min(...load));
    shares[lightest]!.push(index);
    load[lightest]! += files[index]!.text.length;
  }
  return shares.map((indexes) => indexes.sort((a, b) => a - b));
}

function runWorker(files: readonly SourceFile[]): Promise<(string | null)[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER);
    worker.once('message', (entries: (string | null)[]) => {
      resolve(entries);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(files.map(({ path, text }) => ({ path, text })));
  });
}
