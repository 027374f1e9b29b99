/**
 * What one line of a block holds after its indent and `- ` markers, for the fast parser
 * (fast-yaml.ts): an optional `key:`, then a value, a block scalar header or nothing; a comment.
 * Every line of a file on the fast path has one of these everyday shapes; anything else (comments
 * glued to a value, tabs, multi-line scalars and flow collections, explicit keys) is read by the
 * exact parser.
 */

const KEY = String.raw`(?:[A-Za-z0-9_][A-Za-z0-9_./@-]*|'[^'\n]*'|"[A-Za-z0-9_ ./@-]*")`;
const PLAIN = String.raw`(?:[A-Za-z0-9_.+~/(@]|-(?=[0-9.]))(?:[^:#\[\]{}\s]|:(?=[^\s,\]}])|[ ](?=[^\s#]))*`;
const SQUOTED = String.raw`'(?:[^'\n]|'')*'`;
const DQUOTED = String.raw`"(?:[^"\\\n]|\\[0abtnvfre "/\\N_LP]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})*"`;
const WORD = String.raw`[A-Za-z0-9_.+@/-](?:[A-Za-z0-9_.+@/ -]*[A-Za-z0-9_.+@/-])?`;
const FLOW_ITEM = `(?:${WORD}|${SQUOTED}|${DQUOTED})`;
const FLOW_SEQ = String.raw`\[ *(?:${FLOW_ITEM}(?: *, *${FLOW_ITEM})* *)?\]`;
const FLOW_MAP = String.raw`\{ *(?:${KEY}: +${FLOW_ITEM}(?: *, *${KEY}: +${FLOW_ITEM})* *)?\}`;
const VALUE = `(?:${PLAIN}|${SQUOTED}|${DQUOTED}|${FLOW_SEQ}|${FLOW_MAP})`;

/** The layout of a line from where its markers end (sticky): key in group 1, value in group 2. */
export const ENTRY = new RegExp(
  `(?:(${KEY}):(?: +|$))?(${VALUE}|[|>][-+]?)? *(?:(?<= )#.*)?$`,
  'y',
);

/** A line's key and value as written (each undefined when it has none); undefined when not an everyday shape. */
export interface LineEntry {
  key: string | undefined;
  value: string | undefined;
}

/**
 * The key and value of `text` from `column` on, as ENTRY captures them; undefined when ENTRY does
 * not match. Most lines are a plain key and a plain value (`name: Agent 1`, `key:`, `- item`):
 * those are read by hand (simpleEntry), which answers only where ENTRY's first match is plainly
 * the same and leaves every other line to the pattern. Neither allocates a match per line then.
 */
export function lineEntry(text: string, column: number): LineEntry | undefined {
  const simple = simpleEntry(text, column);
  if (simple !== undefined) return simple;
  ENTRY.lastIndex = column;
  const match = ENTRY.exec(text);
  // By index, not destructured: this runs for every line that is not simple.
  return match ? { key: match[1], value: match[2] } : undefined;
}

/** ENTRY over a whole text: `$` also matches before a line break, so a line need not be cut out. */
const ENTRY_IN_TEXT = new RegExp(ENTRY.source, 'my');

/**
 * lineEntry for the line of `text` that ends at `end` (a line break or the text's end), read in
 * place. ENTRY's body never crosses a line break; with `m` its `$` may also match before a `\r`,
 * `\u2028` or `\u2029` inside the line, so only a match ending at `end` counts: it is then the
 * match ENTRY finds on the line alone (the first by priority ending there). Any other line is
 * refused, which only leaves more lines to the exact parser.
 */
export function lineEntryIn(text: string, column: number, end: number): LineEntry | undefined {
  const simple = simpleEntry(text, column, end);
  if (simple !== undefined) return simple;
  ENTRY_IN_TEXT.lastIndex = column;
  const match = ENTRY_IN_TEXT.exec(text);
  if (!match || ENTRY_IN_TEXT.lastIndex !== end) return undefined;
  const key = match[1];
  // The key, which starts the match, as the one string keyAt keeps for it.
  return {
    key: key === undefined ? key : keyAt(text, column, column + key.length),
    value: match[2],
  };
}

/**
 * A line that is `key:`, `key: value` or `value` alone, the key an unquoted one of ENTRY's, the
 * value a plain scalar of safe characters or a quoted scalar without escapes, then spaces and a
 * comment or nothing; undefined for any other (then ENTRY decides). For these ENTRY's first match
 * takes the whole key (its characters exclude `:`), every space after the colon, and the value
 * as read here: PLAIN's body takes every safe character and a space before one, and stops at a
 * space before a space, a `#` or the end; a quoted scalar ends at its first closing quote. Only
 * where the rest of the line is then what ENTRY's tail matches (spaces, ` #…`) is that the first
 * match, so only then is it answered here.
 */
export function simpleEntry(
  text: string,
  column: number,
  end = text.length,
): LineEntry | undefined {
  const first = text.charCodeAt(column);
  if (first === 0x22 /* " */ || first === 0x27 /* ' */) {
    // A quoted key is ENTRY's to read: a value is a quote not followed by `:`.
    const to = quotedEnd(text, column, end);
    if (to < 0 || text.charCodeAt(to) === 0x3a /* : */ || !tailOk(text, to, end)) return undefined;
    return { key: undefined, value: text.slice(column, to) };
  }
  if (!isKeyStart(first)) return undefined;
  let at = column + 1;
  while (at < end && isKeyChar(text.charCodeAt(at))) at++;
  // Not a key (no `:` after it, which its characters exclude): a value alone, if plain.
  if (at === end || text.charCodeAt(at) !== 0x3a /* : */)
    return valueEntry(text, column, end, undefined);
  const key = keyAt(text, column, at);
  if (at + 1 === end) return { key, value: undefined };
  if (text.charCodeAt(at + 1) !== 0x20 /* space */) return undefined;
  let from = at + 2;
  while (text.charCodeAt(from) === 0x20) from++;
  if (from === end) return { key, value: undefined };
  return valueEntry(text, from, end, key);
}

/** The line's value from `from` (a plain or quoted scalar, then its tail) with `key`; undefined when not simple. */
function valueEntry(
  text: string,
  from: number,
  end: number,
  key: string | undefined,
): LineEntry | undefined {
  const first = text.charCodeAt(from);
  const to =
    first === 0x22 || first === 0x27 ? quotedEnd(text, from, end) : plainEnd(text, from, end);
  if (to < 0 || !tailOk(text, to, end)) return undefined;
  return { key, value: text.slice(from, to) };
}

/**
 * Where a plain scalar of safe characters starting at `from` ends: before the first space that is
 * not followed by a safe character (or at `end`); -1 at an unsafe character, or an unsafe start.
 */
function plainEnd(text: string, from: number, end: number): number {
  if (!isPlainStart(text.charCodeAt(from))) return -1;
  for (let at = from + 1; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x20 /* space */) {
      if (at + 1 < end && isSafe(text.charCodeAt(at + 1))) continue;
      return at;
    }
    if (!isSafe(c)) return -1;
  }
  return end;
}

/**
 * Where a quoted scalar starting at `from` ends (past its closing quote), as SQUOTED and DQUOTED
 * match it: `''` inside single quotes; -1 when it does not close on the line, or holds a
 * backslash inside double quotes (escapes are ENTRY's to check).
 */
function quotedEnd(text: string, from: number, end: number): number {
  const quote = text.charCodeAt(from);
  for (let at = from + 1; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(at + 1) === 0x27 && at + 1 < end) at++;
      else return at + 1;
    } else if (c === 0x5c /* \ */ && quote === 0x22) return -1;
  }
  return -1;
}

/**
 * Whether the line from `at` (where its value ends) to `end` is ENTRY's tail ` *(?:(?<= )#.*)?$`:
 * nothing, or spaces, then a comment or nothing (`.` matches no `\r`, `\u2028`, `\u2029`).
 */
function tailOk(text: string, at: number, end: number): boolean {
  if (at === end) return true;
  if (text.charCodeAt(at) !== 0x20 /* space */) return false;
  while (at < end && text.charCodeAt(at) === 0x20) at++;
  if (at === end) return true;
  if (text.charCodeAt(at) !== 0x23 /* # */) return false;
  for (at++; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x0d || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

/** Slots of KNOWN_KEYS (a power of two): a file's keys are a few dozen, repeated. */
const KEY_SLOTS = 512;

/**
 * Keys read before, each in a slot found from its length and its ends; a key takes its slot from
 * the one there before. Bounded, whatever a file holds.
 */
const KNOWN_KEYS: (string | undefined)[] = new Array<string | undefined>(KEY_SLOTS).fill(undefined);

/**
 * The key `text` holds from `from` to `to`: the same string as last time when read before. Every
 * mapping's keys are then one string each, whose hash is known and which the engine has already
 * made a property name, instead of a new copy per line to hash and look up as each is set.
 */
function keyAt(text: string, from: number, to: number): string {
  const length = to - from;
  const slot =
    (length * 31 + text.charCodeAt(from) * 7 + text.charCodeAt(to - 1)) & (KEY_SLOTS - 1);
  const known = KNOWN_KEYS[slot];
  if (known !== undefined && known.length === length && sameAt(text, from, known)) return known;
  const key = text.slice(from, to);
  KNOWN_KEYS[slot] = key;
  return key;
}

/** Whether `text` holds `known` at `from`: by hand, cheaper than `startsWith(known, from)` for short keys. */
function sameAt(text: string, from: number, known: string): boolean {
  for (let i = 0; i < known.length; i++)
    if (text.charCodeAt(from + i) !== known.charCodeAt(i)) return false;
  return true;
}

/** `[A-Za-z0-9_]`: how an unquoted key starts. */
function isKeyStart(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  );
}

/** `[A-Za-z0-9_./@-]`: the rest of an unquoted key. */
function isKeyChar(c: number): boolean {
  return isKeyStart(c) || c === 0x2e || c === 0x2f || c === 0x40 || c === 0x2d;
}

/** `[A-Za-z0-9_.+~/(@]`: how a plain value may start (besides `-` before a digit or `.`). */
function isPlainStart(c: number): boolean {
  return (
    isKeyStart(c) ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x7e ||
    c === 0x2f ||
    c === 0x28 ||
    c === 0x40
  );
}

/** Printable ASCII but for `: # [ ] { }`: matched by PLAIN's `[^:#\[\]{}\s]` wherever it stands. */
function isSafe(c: number): boolean {
  return (
    c > 0x20 &&
    c < 0x7f &&
    c !== 0x3a &&
    c !== 0x23 &&
    c !== 0x5b &&
    c !== 0x5d &&
    c !== 0x7b &&
    c !== 0x7d
  );
}
