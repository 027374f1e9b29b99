import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

/**
 * A file of the cache folder, or of the cache key's: its bytes and stat when it is a regular file
 * itself, else undefined. Anything may lie there (a checkout can hold `.ccac/cache`): a symbolic
 * link is not followed (to /dev/zero, say), and a FIFO is opened without waiting for a writer and
 * then left unread.
 */
export function readCacheFile(file: string): { bytes: Buffer; stats: Stats } | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    return stats.isFile() ? { bytes: readFileSync(fd), stats } : undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
