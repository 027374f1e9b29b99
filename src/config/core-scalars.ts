/**
 * Scalars as the `yaml` package's YAML 1.2 core schema reads them, for the fast parser: plain
 * scalars resolved by the same patterns, quoted ones unescaped. `Unreadable` (a value the fast
 * parser must leave to `yaml`) is thrown, never shown: the caller falls back to the exact parser.
 */
export class Unreadable extends Error {}

// The patterns of yaml/dist/schema/core: null, bool, int (octal, decimal, hex), float (nan/inf, exp, plain).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);

/** A plain scalar's value. Most are names and other text: the first character rules types out. */
export function plainScalar(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x40 /* @ */) throw new Unreadable(); // reserved: `yaml` reports it
  const digitOrSign = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d;
  if (digitOrSign || first === 0x2e /* . */) {
    if (digitOrSign && (INT_DEC.test(text) || INT_OCT.test(text) || INT_HEX.test(text)))
      return integer(text);
    if (FLOAT_NAN.test(text)) return nanOrInfinity(text);
    if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
    return text;
  }
  if (text.length <= 5) {
    if (NULL.test(text)) return null;
    if (BOOL.test(text)) return first === 0x74 /* t */ || first === 0x54; /* T */
  }
  return text;
}

/** Integers past ±2^53 are left to `yaml`, whose diagnostic says they cannot be kept exactly. */
function integer(text: string): number {
  const big = BigInt(text);
  if (big > SAFE_MAX || big < SAFE_MIN) throw new Unreadable();
  return Number(big);
}

function nanOrInfinity(text: string): number {
  if (text.slice(-3).toLowerCase() === 'nan') return NaN;
  return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** `'it''s'` → `it's`. */
export function singleQuoted(text: string): string {
  const inner = text.slice(1, -1);
  return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

/** A one-line double-quoted scalar, its escapes as the layout check allows them. */
export function doubleQuoted(text: string): string {
  const inner = text.slice(1, -1);
  if (!inner.includes('\\')) return inner;
  return inner.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)/g, (_, escape: string) =>
    escape.length > 1
      ? String.fromCharCode(parseInt(escape.slice(1), 16))
      : (ESCAPES[escape] ?? `\\${escape}`),
  );
}

/** A scalar in flow or block context: quoted, or plain. */
export function scalar(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x27 /* ' */) return singleQuoted(text);
  if (first === 0x22 /* " */) return doubleQuoted(text);
  return plainScalar(text);
}
