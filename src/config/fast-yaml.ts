import type JsYaml from 'js-yaml';
import { lazyModule } from '../support/lazy-module.js';

const jsYaml = lazyModule<typeof JsYaml>('js-yaml');

/**
 * The fast path of the loader: js-yaml 4 with a schema that resolves plain scalars exactly as the
 * `yaml` package's YAML 1.2 core schema does (same patterns, integers through BigInt). It gives
 * plain values only, no source places, and it gives up (returns undefined) on anything where the
 * two parsers could disagree or where `yaml` would report a diagnostic: then the caller parses the
 * file with `yaml`. js-yaml rejects duplicate keys and has no merge keys in this schema.
 */

/** Set while loading one file when a value needs the exact parser (an integer past ±2^53). */
let needsExact = false;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);

function integer(text: string): number {
  const big = BigInt(text);
  if (big > SAFE_MAX || big < SAFE_MIN) needsExact = true;
  return Number(big);
}

// The patterns of yaml/dist/schema/core: null, bool, int (octal, decimal, hex), float (nan/inf, exp, plain).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_DEC = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Built on first use, with js-yaml itself. */
let schema: JsYaml.Schema | undefined;

function fastSchema(): JsYaml.Schema {
  return (schema ??= jsYaml().FAILSAFE_SCHEMA.extend({ implicit: scalarTypes() }));
}

// js-yaml asks every type in turn about every plain scalar, most of which are names and other
// text: a look at the first character or the length rules out a type before its patterns run.
const scalarTypes = () => [
  new (jsYaml().Type)('tag:yaml.org,2002:null', {
    kind: 'scalar',
    resolve: (data: string | null) => data === null || (data.length <= 4 && NULL.test(data)),
    construct: () => null,
  }),
  new (jsYaml().Type)('tag:yaml.org,2002:bool', {
    kind: 'scalar',
    resolve: (data: string | null) =>
      data !== null && (data.length === 4 || data.length === 5) && BOOL.test(data),
    construct: (data: string) => data[0] === 't' || data[0] === 'T',
  }),
  new (jsYaml().Type)('tag:yaml.org,2002:int', {
    kind: 'scalar',
    resolve: (data: string | null) =>
      data !== null &&
      mayBeNumber(data, false) &&
      (INT_OCT.test(data) || INT_DEC.test(data) || INT_HEX.test(data)),
    construct: (data: string) => integer(data),
  }),
  new (jsYaml().Type)('tag:yaml.org,2002:float', {
    kind: 'scalar',
    resolve: (data: string | null) =>
      data !== null &&
      mayBeNumber(data, true) &&
      (FLOAT_NAN.test(data) || FLOAT_EXP.test(data) || FLOAT.test(data)),
    construct: (data: string) =>
      FLOAT_NAN.test(data)
        ? data.slice(-3).toLowerCase() === 'nan'
          ? NaN
          : data.startsWith('-')
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY
        : parseFloat(data),
  }),
];

/** Every number pattern above starts with a sign or a digit, floats also with `.`. */
function mayBeNumber(data: string, float: boolean): boolean {
  const first = data.charCodeAt(0);
  return (
    (first >= 0x30 && first <= 0x39) ||
    first === 0x2b ||
    first === 0x2d ||
    (float && first === 0x2e)
  );
}

/**
 * Tags, anchors, aliases, directives and merge keys anywhere in the text (even inside a string)
 * send the file to the exact parser: it limits aliases and names places for them.
 */
const EXACT_ONLY = /[&*!%]|<</;

/** Plain values of every document of a file, or undefined when the exact parser must read it. */
export function fastParseValues(text: string): unknown[] | undefined {
  if (EXACT_ONLY.test(text) || !isPlainLayout(text)) return undefined;
  needsExact = false;
  const values: unknown[] = [];
  try {
    jsYaml().loadAll(text, (doc) => values.push(doc), { schema: fastSchema(), json: false });
  } catch {
    return undefined; // a syntax error, duplicate key or deep nesting: `yaml` says where
  }
  if (needsExact) return undefined;
  try {
    for (const value of values) {
      // An empty document is skipped by the exact parser and a `null` one kept: tell them apart there.
      if (value === null || value === undefined) return undefined;
      if (!keysAgree(value)) return undefined;
    }
  } catch {
    return undefined; // nesting too deep to walk: the exact parser reports it
  }
  return values;
}

// js-yaml is more lenient than `yaml` (comments glued to a value, tabs, multi-line keys, odd
// indentation): rather than list its leniencies, the fast path takes only files whose every line
// has one of the everyday shapes below. Anything else is read by the exact parser.
const KEY = String.raw`(?:[A-Za-z0-9_][A-Za-z0-9_./@-]*|'[^'\n]*'|"[A-Za-z0-9_ ./@-]*")`;
const PLAIN = String.raw`(?:[A-Za-z0-9_.+~/(@]|-(?=[0-9.]))(?:[^:#\[\]{}\s]|:(?=[^\s,\]}])|[ ](?=[^\s#]))*`;
const SQUOTED = String.raw`'(?:[^'\n]|'')*'`;
const DQUOTED = String.raw`"(?:[^"\\\n]|\\[0abtnvfre "/\\N_LP]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})*"`;
const WORD = String.raw`[A-Za-z0-9_.+@/-](?:[A-Za-z0-9_.+@/ -]*[A-Za-z0-9_.+@/-])?`;
const FLOW_ITEM = `(?:${WORD}|${SQUOTED}|${DQUOTED})`;
const FLOW_SEQ = String.raw`\[ *(?:${FLOW_ITEM}(?: *, *${FLOW_ITEM})* *)?\]`;
const FLOW_MAP = String.raw`\{ *(?:${KEY}: +${FLOW_ITEM}(?: *, *${KEY}: +${FLOW_ITEM})* *)?\}`;
const VALUE = `(?:${PLAIN}|${SQUOTED}|${DQUOTED}|${FLOW_SEQ}|${FLOW_MAP})`;
/** `indent`, `- ` prefixes, an optional `key:`, then a value, a block scalar header or nothing; a comment. */
const ENTRY = new RegExp(
  `^( *)((?:- +)*)(?:(${KEY}):(?: +|$))?(?:${VALUE}|([|>][-+]?))? *(?:(?<= )#.*)?$`,
);

function isPlainLayout(text: string): boolean {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '' || line === '---' || /^ *#/.test(line)) continue;
    const match = ENTRY.exec(line);
    if (!match) return false;
    const [, indent = '', dashes = '', key, block] = match;
    // A line that is only `-` (an empty item) is where js-yaml's indentation checks are loosest.
    if (dashes !== '' && key === undefined && line.trimEnd().endsWith('-')) return false;
    if (block === undefined) continue;
    if (dashes === '' && key === undefined) return false; // a block scalar as the whole document
    // A block scalar: its lines are indented past the key that holds it, at one indentation.
    const parent = indent.length + dashes.length + (key === undefined ? -1 : 0);
    let contentIndent = -1;
    for (; i + 1 < lines.length; i++) {
      const next = lines[i + 1] as string;
      if (next === '') continue;
      const spaces = /^ */.exec(next)?.[0].length ?? 0;
      if (spaces === next.length) return false; // an all-space line inside a block scalar
      if (spaces <= parent) break;
      if (contentIndent === -1) contentIndent = spaces;
      if (spaces < contentIndent || next.includes('\t')) return false;
    }
    if (contentIndent === -1) return false;
  }
  return true;
}

/**
 * A key that a plain scalar of another type turned into text (`1`, `null`, `true`, `.inf`) may be
 * spelt differently by the exact parser: leave those to it.
 */
function keyMayDiffer(key: string): boolean {
  if (key === '' || key === 'null' || key === 'true' || key === 'false' || key === 'NaN')
    return true;
  return key.includes('Infinity') || !Number.isNaN(Number(key));
}

/**
 * Whether every key, at every depth, is one the exact parser spells the same. The values are
 * kept as js-yaml made them, not copied: plain objects and arrays, with a `__proto__` key set as
 * an own property (js-yaml defines it rather than assigning it).
 */
function keysAgree(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!keysAgree(item)) return false;
    return true;
  }
  if (value === null || typeof value !== 'object') return true;
  for (const key in value) {
    if (keyMayDiffer(key) || !keysAgree((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
