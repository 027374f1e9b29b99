import type { KeyObject } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import { unpackEntries, writeEntries, type PackedEntries } from './write-entries.js';

/**
 * The thread that writes a run's new parse-cache entries, sealed with the cache key, while the run
 * goes on (parse-cache.ts).
 */
const { dir, key, entries, used } = workerData as {
  dir: string;
  key: KeyObject;
  entries: PackedEntries;
  used: string[];
};
writeEntries(dir, key, unpackEntries(entries), new Set(used));
