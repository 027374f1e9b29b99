import { workerData } from 'node:worker_threads';
import { unpackEntries, writeEntries, type PackedEntries } from './write-entries.js';

/** The thread that writes a run's new parse-cache entries while the run goes on (parse-cache.ts). */
const { dir, entries, used } = workerData as {
  dir: string;
  entries: PackedEntries;
  used: string[];
};
writeEntries(dir, unpackEntries(entries), new Set(used));
