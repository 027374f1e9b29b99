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

/**
 * A line that is `key:`, `key: value` or `value` alone, the key an unquoted one of ENTRY's and the
 * value a plain scalar of safe characters to the end of the line; undefined for any other (then
 * ENTRY decides). For these ENTRY's first match takes the whole key (its characters exclude `:`),
 * every space after the colon, and the whole value (every character of it matches PLAIN's body).
 */
export function simpleEntry(text: string, column: number): LineEntry | undefined {
  const end = text.length;
  if (!isKeyStart(text.charCodeAt(column))) return undefined;
  let at = column + 1;
  while (at < end && isKeyChar(text.charCodeAt(at))) at++;
  if (at === end) return { key: undefined, value: text.slice(column) };
  if (text.charCodeAt(at) !== 0x3a /* : */) return undefined;
  const key = keyAt(text, column, at);
  if (at + 1 === end) return { key, value: undefined };
  if (text.charCodeAt(at + 1) !== 0x20 /* space */) return undefined;
  let from = at + 2;
  while (text.charCodeAt(from) === 0x20) from++;
  if (from === end) return { key, value: undefined };
  return plainToEnd(text, from) ? { key, value: text.slice(from) } : undefined;
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
  if (known !== undefined && known.length === length && text.startsWith(known, from)) return known;
  const key = text.slice(from, to);
  KNOWN_KEYS[slot] = key;
  return key;
}

/**
 * Whether `text` from `from` to its end is a plain scalar of safe characters: starting as PLAIN
 * may (not with `-`), then printable ASCII other than `: # [ ] { }`, single spaces between them.
 */
function plainToEnd(text: string, from: number): boolean {
  if (!isPlainStart(text.charCodeAt(from))) return false;
  for (let at = from + 1; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x20 /* space */ ? !isSafe(text.charCodeAt(at + 1)) : !isSafe(c)) return false;
  }
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
