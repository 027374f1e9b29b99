import { randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { OPEN_FLAGS } from '../support/read-regular-file.js';
import { macOf } from './cache-seal.js';

/**
 * Parse-cache entries packed into one file per run (or two, when a second thread parsed): a cold
 * run of 1,601 files wrote 1,601 files, each made aside and renamed, almost a second of system
 * calls. A pack is written in 1 MB pieces from a buffer used again and again: no buffer of the
 * whole, whose fresh pages cost this kind of machine more than the copy.
 *
 * Layout: the entries' bytes back to back, then the index, JSON `[[name, size, mac], …]` in the
 * entries' order, then the trailer `ccac-pack <index bytes, 10 digits>\n`. Each entry carries the
 * MAC its own cache file had (cache-seal.ts: of its name and bytes, under the cache key), checked
 * when it is read: an index written by anyone else can only point at bytes that fail it, so a
 * pack is as safe to restore from anywhere as single entries were, and a run reads only the
 * entries it needs.
 */

/** A pack's file name; `.tmp` after it while it is written. */
export const PACK_NAME = /^pack-[0-9a-f]{16}\.ccac$/;

/** One entry to pack: its name (a MAC of build and content, cache-seal.ts) and its JSON. */
export interface PackWrite {
  name: string;
  data: string | Uint8Array;
}

/** An entry as a pack holds it: where its bytes lie, and the MAC they must have. */
export interface PackedEntry {
  name: string;
  fd: number;
  offset: number;
  size: number;
  mac: string;
}

const PIECE = 1024 * 1024;
/** An entry holds one file of at most 16 MiB, an index a few hundred bytes per file: room to spare. */
const MOST_BYTES = 64 * 1024 * 1024;
const TRAILER = 'ccac-pack 0000000000\n'.length;
const MAC = /^[0-9a-f]{64}$/;

/**
 * Writes `writes` (sealed now) and `copied` (entries of older packs, whose bytes keep their MAC)
 * as a new pack in `dir`: made aside under a name nobody can guess, then renamed into place.
 * Best effort: false when it could not be written, and nothing is left behind.
 */
export function writePack(
  dir: string,
  key: KeyObject,
  writes: readonly PackWrite[],
  copied: readonly PackedEntry[] = [],
): boolean {
  const file = path.join(dir, `pack-${randomBytes(8).toString('hex')}.ccac`);
  const aside = `${file}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dir, { recursive: true });
    fd = openSync(aside, 'wx');
    const out = new PieceWriter(fd);
    const index: [string, number, string][] = [];
    for (const { name, data } of writes) {
      const bytes = out.put(data);
      index.push([name, bytes.length, macOf(key, name, bytes)]);
    }
    for (const entry of copied) {
      const bytes = readBytes(entry);
      if (bytes) index.push([entry.name, out.put(bytes).length, entry.mac]);
    }
    const indexBytes = out.put(JSON.stringify(index)).length;
    out.put(`ccac-pack ${String(indexBytes).padStart(10, '0')}\n`);
    out.flush();
    closeSync(fd);
    fd = undefined;
    renameSync(aside, file);
    return true;
  } catch {
    if (fd !== undefined) closeSync(fd);
    rmSync(aside, { force: true });
    return false;
  }
}

/** Pieces of UTF-8 laid into one buffer, written out whenever the next piece does not fit. */
class PieceWriter {
  private readonly buffer = Buffer.allocUnsafe(PIECE);
  private readonly encoder = new TextEncoder();
  private length = 0;

  constructor(private readonly fd: number) {}

  /** Appends a piece; returns its bytes (valid until the next put). */
  put(piece: string | Uint8Array): Uint8Array {
    if (typeof piece !== 'string') return this.putBytes(piece);
    const { read, written } = this.encoder.encodeInto(piece, this.buffer.subarray(this.length));
    if (read === piece.length) {
      this.length += written;
      return this.buffer.subarray(this.length - written, this.length);
    }
    this.flush();
    const again = this.encoder.encodeInto(piece, this.buffer);
    if (again.read === piece.length) {
      this.length = again.written;
      return this.buffer.subarray(0, this.length);
    }
    return this.putBytes(Buffer.from(piece)); // larger than a piece
  }

  flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.length));
    this.length = 0;
  }

  private putBytes(bytes: Uint8Array): Uint8Array {
    if (bytes.length > PIECE - this.length) this.flush();
    if (bytes.length > PIECE) {
      writeAll(this.fd, bytes);
      return bytes;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this.buffer.subarray(this.length - bytes.length, this.length);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/** The packs in `dir` by file name, and every entry they hold by entry name (the first pack's). */
export interface Packs {
  files: string[];
  entries: Map<string, PackedEntry>;
}

/**
 * Opens the packs in `dir` and reads their indexes; a pack that is not a regular file or whose
 * index does not read is left out. The descriptors stay open for the run: a pack another run
 * removes meanwhile is still read whole.
 */
export function openPacks(dir: string): Packs {
  const packs: Packs = { files: [], entries: new Map() };
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => PACK_NAME.test(name));
  } catch {
    return packs;
  }
  for (const name of names) {
    const index = readIndex(path.join(dir, name));
    if (!index) continue;
    packs.files.push(name);
    for (const entry of index)
      if (!packs.entries.has(entry.name)) packs.entries.set(entry.name, entry);
  }
  return packs;
}

function readIndex(file: string): PackedEntry[] | undefined {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size < TRAILER) throw new Error('not a pack');
    const trailer = readAt(fd, stats.size - TRAILER, TRAILER).toString('latin1');
    const match = /^ccac-pack (\d{10})\n$/.exec(trailer);
    const indexBytes = Number(match?.[1]);
    const dataBytes = stats.size - TRAILER - indexBytes;
    if (!match || dataBytes < 0 || indexBytes > MOST_BYTES) throw new Error('not a pack');
    const index = JSON.parse(readAt(fd, dataBytes, indexBytes).toString('utf8')) as unknown;
    const entries = entriesOf(fd, index, dataBytes);
    if (!entries) throw new Error('not a pack');
    return entries;
  } catch {
    closeSync(fd);
    return undefined;
  }
}

/** The index's entries with their places, when every one is well formed and lies in the data. */
function entriesOf(fd: number, index: unknown, dataBytes: number): PackedEntry[] | undefined {
  if (!Array.isArray(index)) return undefined;
  const entries: PackedEntry[] = [];
  let offset = 0;
  for (const item of index as unknown[]) {
    if (!Array.isArray(item)) return undefined;
    const [name, size, mac] = item as unknown[];
    if (typeof name !== 'string' || typeof mac !== 'string' || !MAC.test(mac)) return undefined;
    if (!Number.isSafeInteger(size) || (size as number) < 0 || (size as number) > MOST_BYTES)
      return undefined;
    entries.push({ name, fd, offset, size: size as number, mac });
    offset += size as number;
  }
  return offset === dataBytes ? entries : undefined;
}

/** The entry's bytes when their MAC verifies under `key`, else undefined (a miss). */
export function readPacked(key: KeyObject, entry: PackedEntry): Buffer | undefined {
  const bytes = readBytes(entry);
  if (!bytes) return undefined;
  const expected = Buffer.from(macOf(key, entry.name, bytes));
  return timingSafeEqual(expected, Buffer.from(entry.mac)) ? bytes : undefined;
}

function readBytes({ fd, offset, size }: PackedEntry): Buffer | undefined {
  try {
    const bytes = readAt(fd, offset, size);
    return bytes.length === size ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function readAt(fd: number, position: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const read = readSync(fd, bytes, length, size - length, position + length);
    if (read === 0) break;
    length += read;
  }
  return bytes.subarray(0, length);
}
