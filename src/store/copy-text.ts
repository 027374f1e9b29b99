import type { CopyRow } from './database.js';

/** Text handed to the database per piece: large enough to amortise calls, small enough to stream. */
const CHUNK_CHARS = 1 << 20;

/**
 * Rows in COPY's text format, in pieces of about a megabyte: columns separated by tabs, rows
 * ended by newlines, NULL as `\N`, and backslash, tab, newline and carriage return escaped
 * (so a value can never end a row early or read as NULL).
 */
export function* copyText(rows: Iterable<CopyRow>): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
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
