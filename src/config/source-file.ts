import { createHash } from 'node:crypto';
import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { oversize } from '../support/read-regular-file.js';

/** A configuration file as read from disk: its display path and raw bytes. */
export interface SourceBytes {
  path: string;
  bytes: Uint8Array;
}

/** A configuration file decoded to text. */
export interface SourceFile {
  path: string;
  text: string;
  /** sha256 (hex) of the file's bytes, when the reader knows it: what the parse cache keys on. */
  digest?: string;
}

/** SourceFile.digest of a file's bytes. */
export function bytesDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes strict UTF-8 (a BOM is dropped); anything else is a FILE diagnostic, not mojibake. */
export function decodeSource(source: SourceBytes): SourceFile | Diagnostic {
  const oversized = checkSize(source.path, source.bytes.byteLength);
  if (oversized) return oversized;
  try {
    return { path: source.path, text: utf8.decode(source.bytes) };
  } catch {
    const offset = firstInvalidUtf8(source.bytes);
    return error('FILE', `file is not valid UTF-8 (first bad byte at offset ${offset})`, {
      place: { file: source.path, ...lineAndColumn(source.bytes, offset) },
    });
  }
}

/** A FILE diagnostic when a file is over the limit, so callers can refuse it before reading. */
export function checkSize(file: string, byteLength: number): Diagnostic | undefined {
  const reason = oversize(byteLength);
  return reason === undefined
    ? undefined
    : error('FILE', reason, { place: { file, line: 1, column: 1 } });
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.byteLength;
  // The longest valid prefix, by bisection on the strict decoder.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (isValidPrefix(bytes.subarray(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isValidPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
