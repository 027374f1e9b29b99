import type { CopyRow } from './database.js';

/** Bytes handed to the database per piece: large enough to amortise calls, small enough to stream. */
const CHUNK_BYTES = 1 << 20;

/** COPY text per statement on PGlite (copyParts): about this much, not every row at once. */
export const PGLITE_COPY_PART_BYTES = 8 << 20;

/**
 * Rows in COPY's text format, as UTF-8 in pieces of about a megabyte: columns separated by tabs,
 * rows ended by newlines, NULL as `\N`, and backslash, tab, newline and carriage return escaped
 * (so a value can never end a row early or read as NULL). Each line is encoded straight into its
 * piece: a megabyte of text joined first would be a rope of thousands of strings to flatten.
 */
export function* copyText(rows: Iterable<CopyRow>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = new Uint8Array(CHUNK_BYTES);
  let at = 0;
  for (const row of rows) {
    const line = copyLine(row);
    const room = line.length * 3; // at most three bytes a UTF-16 unit
    if (at + room > chunk.length) {
      if (at > 0) yield chunk.subarray(0, at);
      chunk = new Uint8Array(Math.max(CHUNK_BYTES, room));
      at = 0;
    }
    at += encoder.encodeInto(line, chunk.subarray(at)).written;
  }
  if (at > 0) yield chunk.subarray(0, at);
}

/** PGlite's COPY of `columns` into `table`: it reads the data from a Blob handed over as `/dev/blob`. */
export const pgliteCopySql = (table: string, columns: readonly string[]): string =>
  `copy ${table} (${columns.join(', ')}) from '/dev/blob'`;

/**
 * COPY text in parts for a database that takes COPY data as a whole Blob per statement (PGlite):
 * a part at a time rather than the text of every row held at once. The first part is a piece of
 * copyText, each next one at least twice the last, up to `partBytes` (the last may be smaller,
 * and there is always one): the database starts on the first rows while the next part is made,
 * instead of idling until a whole part of `partBytes` is, and a part made takes about as long as
 * the database's copy of the one before (it copies at about half the speed the text is made).
 */
export function* copyParts(rows: Iterable<CopyRow>, partBytes: number): Generator<Uint8Array[]> {
  let part: Uint8Array[] = [];
  let bytes = 0;
  let wanted = 0;
  let sent = false;
  for (const piece of copyText(rows)) {
    part.push(piece);
    bytes += piece.length;
    if (bytes >= wanted) {
      yield part;
      wanted = Math.min(2 * bytes, partBytes);
      part = [];
      bytes = 0;
      sent = true;
    }
  }
  if (part.length > 0 || !sent) yield part;
}

function copyLine(row: CopyRow): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    const value = row[i];
    if (i > 0) line += '\t';
    line += value === null || value === undefined ? '\\N' : escaped(value);
  }
  return `${line}\n`;
}

const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escaped(value: string): string {
  // Most values (names, hashes, JSON without escapes) need nothing: test before replacing. Four
  // one-character searches take a third of the time of one regular expression test.
  const special =
    value.includes('\\') || value.includes('\t') || value.includes('\n') || value.includes('\r');
  return special ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}
