import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
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

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes the data directory for this process: creates `ccac.lock` exclusively (`wx`), holding
 * pid and process start time. A lock whose process is gone is recovered; a live one fails at once
 * with STORE_BUSY. Released by `release()` and, as a last resort, when the process exits.
 */
export function lockDirectory(dir: string): DirectoryLock {
  try {
    mkdirSync(dir, { recursive: true });
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
    const existing = readText(file);
    if (existing === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(existing);
    if (holder === undefined) {
      if (ageMs(file) < HALF_WRITTEN_GRACE_MS) throw busy(dir, file, undefined);
    } else if (holderAlive(holder)) {
      throw busy(dir, file, holder);
    }
    removeIfUnchanged(file, existing);
  }
  throw busy(dir, file, parseHolder(readText(file) ?? ''));
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

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return undefined;
    return {
      pid: value.pid,
      processStart: typeof value.processStart === 'number' ? value.processStart : 0,
      hostname: value.hostname,
      lockedAt: typeof value.lockedAt === 'string' ? value.lockedAt : 'an unknown time',
    };
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
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
  if (readText(file) !== text) return;
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
