import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  type BigIntStats,
} from 'node:fs';

/** Larger files are refused before parsing: a partner's biggest tenant file is a few MB. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** Why a file of `byteLength` bytes is refused, or undefined when it is within `limit`. */
export function oversize(byteLength: number, limit = MAX_FILE_BYTES): string | undefined {
  if (byteLength <= limit) return undefined;
  const mb = (byteLength / 1024 / 1024).toFixed(1);
  return `file is ${mb} MiB, larger than the limit of ${limit / 1024 / 1024} MiB`;
}

/** A file's bytes and the stats of the descriptor they were read from, or why it was not read. */
export type FileRead = { bytes: Buffer; stats: BigIntStats } | Refusal;

export interface Refusal {
  /** Why, as a message: "file is a FIFO (named pipe), not a regular file". Never the content. */
  refused: string;
  /** Nothing is there (ENOENT): some callers read that as empty. */
  missing?: true;
}

// A link at the name is not followed (ELOOP), and a FIFO that slipped past lstat opens at once.
// Windows has neither flag: there, lstat and fstat decide alone.
export const OPEN_FLAGS =
  constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file and nothing else, bounded. A link at `file` is not followed; a FIFO, a
 * device, a socket or a folder is refused without being opened (lstat), and should one replace
 * the file in between, the opened descriptor's own stats (fstat) refuse it before any read. A
 * file over `limit` is refused before it is read, and one growing past it is read no further
 * than `limit + 1` bytes. `file` is a real path (see ConfigFolders.resolve).
 */
export function readRegularFile(file: string, limit = MAX_FILE_BYTES): FileRead {
  const named = regularFileStats(file, limit);
  if ('refused' in named) return named;
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (cause) {
    return failure(cause as NodeJS.ErrnoException);
  }
  try {
    const stats = fstatSync(fd, { bigint: true });
    const opened = unfitReason(stats, limit);
    if (opened) return { refused: opened };
    const bytes = readAtMost(fd, Number(stats.size), limit + 1);
    const grown = oversize(bytes.byteLength, limit);
    return grown ? { refused: grown } : { bytes, stats };
  } catch (cause) {
    return { refused: `cannot read: ${(cause as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * The stats of the file at `file` itself (a link is not followed) when it is a regular file
 * within `limit`: what a caller may know of a file before reading it with readRegularFile.
 */
export function regularFileStats(
  file: string,
  limit = MAX_FILE_BYTES,
): { stats: BigIntStats } | Refusal {
  let stats: BigIntStats;
  try {
    stats = lstatSync(file, { bigint: true });
  } catch (cause) {
    return failure(cause as NodeJS.ErrnoException);
  }
  const unfit = unfitReason(stats, limit);
  return unfit === undefined ? { stats } : { refused: unfit };
}

/** Why a file with these stats is not read: not a regular file, or over the limit. */
function unfitReason(stats: BigIntStats, limit: number): string | undefined {
  if (!stats.isFile()) return `file is ${typeOf(stats)}, not a regular file`;
  return oversize(Number(stats.size), limit);
}

function typeOf(stats: BigIntStats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'of an unknown type';
}

function failure(cause: NodeJS.ErrnoException): Refusal {
  if (cause.code === 'ENOENT') return { refused: 'no such file', missing: true };
  // Replaced by a link since lstat looked.
  if (cause.code === 'ELOOP') return { refused: 'file is a symbolic link, not a regular file' };
  return { refused: `cannot read: ${cause.message}` };
}

/** Up to `most` bytes: a buffer the size fstat gave, grown only if the file grew meanwhile. */
function readAtMost(fd: number, size: number, most: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(size + 1, most));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length >= most) break;
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, most));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}
