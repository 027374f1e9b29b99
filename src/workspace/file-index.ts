import type { KeyObject } from 'node:crypto';
import { mkdirSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { seal, unseal } from './cache-seal.js';
import { readCacheFile } from './read-cache-file.js';
import { writeFileAtomic } from './write-atomic.js';

/**
 * What the last runs learned of each configuration file: its size, times and inode, and the digest
 * of its content. A file whose stat is unchanged need not be read to know its digest (git's index
 * does the same). Sealed with the cache key like every file of the cache (cache-seal.ts): an index
 * this machine did not write would let an edited file pass for unchanged. Best effort like the
 * parse cache it lives in: unreadable, or not sealed with the key, means empty.
 */
export interface FileIndex {
  /** The content digest of a file whose stat matches what was recorded, else undefined. */
  vouch(file: string, stats: BigIntStats): string | undefined;
  record(file: string, stats: BigIntStats, digest: string): void;
  /** As `record`, with the stats another thread took (statFacts). */
  recordFacts(file: string, facts: StatFacts, digest: string): void;
  /** Writes the index when something was recorded. */
  save(): void;
}

type Recorded = [size: string, mtimeNs: string, ctimeNs: string, ino: string, digest: string];

/** What the index keeps of a file's stats, as text: what a thread sends of the files it read. */
export type StatFacts = [size: string, mtimeNs: string, ctimeNs: string, ino: string];

export function statFacts(stats: BigIntStats): StatFacts {
  return [String(stats.size), String(stats.mtimeNs), String(stats.ctimeNs), String(stats.ino)];
}

/**
 * A file changed within this long after it was recorded could keep its size and times (coarse
 * clocks): files that young are not recorded, so they are read again next time ("racy git").
 */
const SETTLE_NS = 2_000_000_000n;

export const FILE_INDEX_NAME = 'files.json';

/** `now` (nanoseconds since the epoch) decides which files are old enough to record. */
export function openFileIndex(
  dir: string,
  key: KeyObject,
  now = BigInt(Date.now()) * 1_000_000n,
): FileIndex {
  const file = path.join(dir, FILE_INDEX_NAME);
  const recorded = readIndex(file, key);
  let changed = false;
  const recordFacts: FileIndex['recordFacts'] = (name, [size, mtime, ctime, ino], digest) => {
    const at = path.resolve(name);
    const settled = BigInt(mtime) < now - SETTLE_NS && BigInt(ctime) < now - SETTLE_NS;
    if (!settled) return;
    const entry: Recorded = [size, mtime, ctime, ino, digest];
    if (recorded.get(at)?.join() === entry.join()) return;
    recorded.set(at, entry);
    changed = true;
  };
  return {
    vouch(name, stats) {
      const entry = recorded.get(path.resolve(name));
      if (!entry) return undefined;
      const [size, mtime, ctime, ino, digest] = entry;
      return String(stats.size) === size &&
        String(stats.mtimeNs) === mtime &&
        String(stats.ctimeNs) === ctime &&
        String(stats.ino) === ino
        ? digest
        : undefined;
    },
    record: (name, stats, digest) => recordFacts(name, statFacts(stats), digest),
    recordFacts,
    save() {
      if (!changed) return;
      try {
        mkdirSync(dir, { recursive: true });
        const data = JSON.stringify(Object.fromEntries(recorded));
        writeFileAtomic(file, seal(key, FILE_INDEX_NAME, data));
      } catch {
        // Next run reads the files again; nothing is lost.
      }
    },
  };
}

/** The index as sealed; its entries checked, as another build may have written it. */
function readIndex(file: string, key: KeyObject): Map<string, Recorded> {
  const read = readCacheFile(file);
  const data = read && unseal(key, FILE_INDEX_NAME, read.bytes);
  if (!data) return new Map();
  try {
    const parsed = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    return new Map(
      Object.entries(parsed).filter(
        (e): e is [string, Recorded] =>
          Array.isArray(e[1]) && e[1].length === 5 && e[1].every((v) => typeof v === 'string'),
      ),
    );
  } catch {
    return new Map();
  }
}
