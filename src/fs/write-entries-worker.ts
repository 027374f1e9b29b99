import { workerData } from 'node:worker_threads';
import { writeEntries, type EntryWrite } from './write-entries.js';

/** The thread that writes a run's new parse-cache entries while the run goes on (parse-cache.ts). */
const { dir, writes, used } = workerData as { dir: string; writes: EntryWrite[]; used: string[] };
writeEntries(dir, writes, new Set(used));
