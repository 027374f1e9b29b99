import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatPath } from './validate-schema.js';
import type { Locate, ValuePath } from '../model/value-path.js';

/**
 * Only a non-ASCII character, a raw NUL or an escape (`\0`, `\x…`, `\u…`, `\U…`) can spell text
 * that is not NFC or cannot be stored: a file without any needs neither walk below. Checked the
 * cheap way first (26 MB of configuration in a few tens of milliseconds).
 */
const NON_ASCII = /[\u0080-\uffff]/;
const ESCAPE = /\\[0xuU]/;

export function mayHoldOddText(fileText: string): boolean {
  return (
    NON_ASCII.test(fileText) ||
    fileText.includes('\0') ||
    (fileText.includes('\\') && ESCAPE.test(fileText))
  );
}

/** Text PostgreSQL's jsonb refuses: a NUL, or an unpaired surrogate (from `"\0"`, `"\ud800"`). */
const UNSTORABLE = /\0|\p{Cs}/u;

/**
 * A SCHEMA diagnostic at each string value that cannot be stored, so that validate reports it
 * rather than the store refusing it during apply (issue #16).
 */
export function unstorableStrings(value: unknown, locate: Locate): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const walk = (node: unknown, path: ValuePath): void => {
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) diagnostics.push(unstorable(node, path, locate));
    } else if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (node !== null && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk(value, []);
  return diagnostics;
}

function unstorable(text: string, path: ValuePath, locate: Locate): Diagnostic {
  const what = text.includes('\0')
    ? 'the NUL character (U+0000)'
    : 'an unpaired surrogate (half of a UTF-16 pair, not a character)';
  return error('SCHEMA', `${formatPath(path)}: holds ${what}, which cannot be stored`, {
    place: locate(path),
  });
}

/** Paths on disk are read as written: a file may be named in any normal form. */
const VERBATIM_KEYS = new Set(['definitionFile']);

/**
 * The value with every string value in Unicode NFC, so that one text has one spelling: a name
 * written precomposed and decomposed names one resource, and a reference in either finds it.
 * Keys stay as written (every key the schemas allow is ASCII), so places are found as before.
 */
export function inNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(inNfc);
  if (value === null || typeof value !== 'object') return value;
  // fromEntries defines own properties, so a "__proto__" key stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, VERBATIM_KEYS.has(key) ? item : inNfc(item)]),
  );
}
