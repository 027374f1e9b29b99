import type { BigIntStats } from 'node:fs';
import { readRegularFile } from '../support/read-regular-file.js';

/** A parse entry holds one file of at most 16 MiB, in JSON with its places: room to spare. */
const CACHE_FILE_LIMIT = 64 * 1024 * 1024;

/**
 * A file of the cache folder, or of the cache key's: its bytes and stat when it is a regular file
 * itself, else undefined. Anything may lie there (a checkout can hold `.ccac/cache`), so it is
 * read as configuration files are (readRegularFile): no link followed, no FIFO waited on.
 */
export function readCacheFile(file: string): { bytes: Buffer; stats: BigIntStats } | undefined {
  const read = readRegularFile(file, CACHE_FILE_LIMIT);
  return 'bytes' in read ? read : undefined;
}
