import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { readRegularFile } from '../support/read-regular-file.js';
import { processStartTime } from './process-start.js';
import { StoreError } from './state-store.js';

/** The file that marks an embedded database as in use, inside its data directory. */
export const LOCK_FILE = 'ccac.lock';

export interface LockHolder {
  pid: number;
  /** When the holding process started (ms since the epoch), to tell a reused pid from the holder. */
  processStart: number;
  hostname: string;
  lockedAt: string;
}

export interface DirectoryLock {
  readonly file: string;
  release(): void;
}

/** A lock file younger than this that cannot be parsed is still being written by its owner. */
const HALF_WRITTEN_GRACE_MS = 5_000;

/** A lock file is a line of JSON (ownHolder): anything longer was not written by ccac. */
const MAX_LOCK_BYTES = 4096;

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the data directory for this process: creates `ccac.lock` exclusively (`wx`), holding
 * pid and process start time. A live holder's lock fails at once with STORE_BUSY. A lock whose
 * process is gone is recovered, and so is one no ccac process wrote (parseHolder): a folder, a
 * link, a FIFO, a pid that names no single process (0 and -1 signal whole groups, so they always
 * look alive) — otherwise one crafted file would keep the database locked for good. Released by
 * `release()` and, as a last resort, when the process exits.
 */
export function lockDirectory(dir: string): DirectoryLock {
  try {
    // Closed to other users, as PostgreSQL requires of a data directory: PGlite writes the files
    // inside readable and writable by anyone (0666).
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    // Read-only file system, a file where a directory should be, no space: a STORE error, not a crash.
    throw new StoreError(
      'STORE',
      `cannot use ${dir} for the embedded database: ${(error as Error).message}`,
    );
  }
  const file = path.join(dir, LOCK_FILE);
  if (heldHere.has(file)) throw busy(dir, file, ownHolder());
  for (let attempt = 0; attempt < 5; attempt++) {
    const mine = ownHolder();
    const text = `${JSON.stringify(mine)}\n`;
    if (tryCreate(file, text)) return held(file, text);
    const existing = readLock(file);
    if (existing === undefined) continue; // released meanwhile: try again
    if (existing === NOT_A_FILE) {
      removeNotAFile(file);
      continue;
    }
    const holder = parseHolder(existing);
    if (holder === UNFINISHED) {
      if (ageMs(file) < HALF_WRITTEN_GRACE_MS) throw busy(dir, file, undefined);
    } else if (holder !== INVALID && holderAlive(holder)) {
      throw busy(dir, file, holder);
    }
    removeIfUnchanged(file, existing);
  }
  throw busy(dir, file, undefined);
}

function held(file: string, text: string): DirectoryLock {
  heldHere.add(file);
  const releaseOnExit = () => removeIfUnchanged(file, text);
  process.on('exit', releaseOnExit);
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      process.off('exit', releaseOnExit);
      heldHere.delete(file);
      removeIfUnchanged(file, text);
    },
  };
}

function ownHolder(): LockHolder {
  return {
    pid: process.pid,
    processStart: processStartTime(process.pid) ?? Math.round(Date.now() - process.uptime() * 1000),
    hostname: hostname(),
    lockedAt: new Date().toISOString(),
  };
}

function tryCreate(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreError(
      'STORE',
      `cannot create the lock file ${file}: ${(error as Error).message}`,
    );
  }
  try {
    writeSync(fd, text);
  } catch (error) {
    // A full disk: leave no empty lock file behind.
    closeSync(fd);
    unlinkSync(file);
    throw new StoreError(
      'STORE',
      `cannot write the lock file ${file}: ${(error as Error).message}`,
    );
  }
  closeSync(fd);
  return true;
}

/**
 * Whether the recorded process still runs. Another host's process cannot be checked, so it counts as alive.
 * A live pid whose start time differs from the recorded one is a reused pid: the holder is gone.
 */
function holderAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return false; // not in heldHere: left by an earlier process with our pid
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const started = processStartTime(holder.pid);
  return started === undefined || Math.abs(started - holder.processStart) < 2_000;
}

/** Not JSON: maybe a lock its owner is still writing. */
const UNFINISHED = Symbol('unfinished');
/** JSON, but no lock ccac writes: stale at once. */
const INVALID = Symbol('invalid');

/** A lock as ownHolder writes it; `processStart` and `lockedAt` may be missing (older locks). */
function parseHolder(text: string): LockHolder | typeof UNFINISHED | typeof INVALID {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return UNFINISHED;
  }
  if (typeof value !== 'object' || value === null) return INVALID;
  const { pid, processStart, hostname, lockedAt } = value as Record<string, unknown>;
  const valid =
    // A pid is a positive int32 (pid_t); 0 and -1 would signal process groups, not a process.
    Number.isSafeInteger(pid) &&
    (pid as number) > 0 &&
    (pid as number) <= 0x7fffffff &&
    printable(hostname, 255) &&
    (processStart === undefined ||
      (typeof processStart === 'number' && Number.isFinite(processStart))) &&
    (lockedAt === undefined || printable(lockedAt, 64));
  if (!valid) return INVALID;
  return {
    pid: pid as number,
    processStart: (processStart as number | undefined) ?? 0,
    hostname: hostname as string,
    lockedAt: (lockedAt as string | undefined) ?? 'an unknown time',
  };
}

/** Printed in the busy message: no control or format characters (a terminal's escapes). */
function printable(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength && /^\P{C}+$/u.test(value);
}

/** Not a regular file of its own (a folder, a link, a FIFO, a device) or too long to be a lock. */
const NOT_A_FILE = Symbol('not a file');

/** The lock file's text; undefined when there is none. Read as a regular file, bounded. */
function readLock(file: string): string | typeof NOT_A_FILE | undefined {
  const read = readRegularFile(file, MAX_LOCK_BYTES);
  if ('bytes' in read) return read.bytes.toString('utf8');
  return read.missing ? undefined : NOT_A_FILE;
}

/**
 * Removes what stands where the lock file belongs and is none (a link itself, not its target).
 * ccac only ever creates regular lock files, so one that became regular meanwhile is left alone.
 */
function removeNotAFile(file: string): void {
  try {
    const stats = lstatSync(file);
    if (stats.isDirectory()) rmSync(file, { recursive: true });
    else if (!stats.isFile() || stats.size > MAX_LOCK_BYTES) unlinkSync(file);
  } catch {
    // gone already, or not ours to remove: the next attempt says which
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/** Removes the lock only while it still holds `text`, so a lock just taken by another process survives. */
function removeIfUnchanged(file: string, text: string): void {
  if (readLock(file) !== text) return;
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function busy(dir: string, file: string, holder: LockHolder | undefined): StoreError {
  if (!holder)
    return new StoreError(
      'STORE_BUSY',
      `The embedded database ${dir} is being opened by another ccac process (lock file ${file}). Try again in a moment.`,
    );
  const where = holder.hostname === hostname() ? '' : ` on host ${holder.hostname}`;
  const remedy =
    holder.hostname === hostname()
      ? 'Wait for it to finish, or use PostgreSQL (--db postgres://…) for concurrent runs.'
      : `If that process is gone, remove ${file}.`;
  return new StoreError(
    'STORE_BUSY',
    `The embedded database ${dir} is in use by ccac process ${holder.pid}${where} (since ${holder.lockedAt}). ${remedy}`,
  );
}
