import { plainScalar, scalar, Unreadable } from './core-scalars.js';
import { blockScalar, type BlockScalar } from './block-scalar.js';

/**
 * The fast path of the loader: a line parser for the everyday shapes of YAML that ccac files
 * are written in (block mappings and sequences, one-line scalars and flow collections, literal
 * and folded block scalars), giving the values the `yaml` package gives under its YAML 1.2 core
 * schema. It gives plain values only, no source places, and it gives up (returns undefined) on
 * anything else, and wherever `yaml` would report a diagnostic: then the caller parses the file
 * with `yaml`. A differential test holds it to `yaml` on every fixture and on fuzzed documents.
 */

/** Plain values of every document of a file, or undefined when the exact parser must read it. */
export function fastParseValues(text: string): unknown[] | undefined {
  if (EXACT_ONLY.test(text)) return undefined;
  const documents = documentLines(text);
  if (!documents) return undefined;
  try {
    return documents.map((lines) => new LineParser(lines).document());
  } catch (error) {
    if (error instanceof Unreadable || error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Tags, anchors, aliases, directives and merge keys anywhere in the text (even inside a string)
 * send the file to the exact parser: it limits aliases and names places for them.
 */
const EXACT_ONLY = /[&*!%]|<<|^\.\.\./m;

// Every line of a file on the fast path has one of the everyday shapes below; anything else
// (comments glued to a value, tabs, multi-line scalars and flow collections, explicit keys) is
// read by the exact parser.
const KEY = String.raw`(?:[A-Za-z0-9_][A-Za-z0-9_./@-]*|'[^'\n]*'|"[A-Za-z0-9_ ./@-]*")`;
const PLAIN = String.raw`(?:[A-Za-z0-9_.+~/(@]|-(?=[0-9.]))(?:[^:#\[\]{}\s]|:(?=[^\s,\]}])|[ ](?=[^\s#]))*`;
const SQUOTED = String.raw`'(?:[^'\n]|'')*'`;
const DQUOTED = String.raw`"(?:[^"\\\n]|\\[0abtnvfre "/\\N_LP]|\\x[0-9A-Fa-f]{2}|\\u[0-9A-Fa-f]{4})*"`;
const WORD = String.raw`[A-Za-z0-9_.+@/-](?:[A-Za-z0-9_.+@/ -]*[A-Za-z0-9_.+@/-])?`;
const FLOW_ITEM = `(?:${WORD}|${SQUOTED}|${DQUOTED})`;
const FLOW_SEQ = String.raw`\[ *(?:${FLOW_ITEM}(?: *, *${FLOW_ITEM})* *)?\]`;
const FLOW_MAP = String.raw`\{ *(?:${KEY}: +${FLOW_ITEM}(?: *, *${KEY}: +${FLOW_ITEM})* *)?\}`;
const VALUE = `(?:${PLAIN}|${SQUOTED}|${DQUOTED}|${FLOW_SEQ}|${FLOW_MAP})`;
/** `indent`, `- ` markers, an optional `key:`, then a value, a block scalar header or nothing; a comment. */
const ENTRY = new RegExp(
  `^( *)((?:- +)*)(?:(${KEY}):(?: +|$))?(${VALUE}|[|>][-+]?)? *(?:(?<= )#.*)?$`,
);
const COMMENT = /^ *#/;

/** One line of a block: its `- ` markers' columns, then a key and a value, or a block scalar. */
interface Line {
  indent: number;
  dashes: number[];
  /** Column of the key, or of the value when there is no key. */
  column: number;
  key: string | undefined;
  value: string | undefined;
  block: BlockScalar | undefined;
}

/**
 * Longer lines are left to `yaml`. The layout patterns backtrack once per character in places, and
 * V8's backtracking stack overflows past a few million: a 12 MB line threw instead of matching.
 */
const MAX_LINE = 1 << 20;

/** The significant lines of each document; undefined when a line is not of an everyday shape. */
function documentLines(text: string): Line[][] | undefined {
  const raw = text.split('\n');
  const endsWithBreak = raw[raw.length - 1] === '';
  if (endsWithBreak) raw.pop();
  const documents: Line[][] = [[]];
  for (let i = 0; i < raw.length; i++) {
    const text = raw[i] as string;
    if (text === '---') {
      // The first `---` (after comments only) starts the first document rather than a second.
      if (documents.length > 1 || documents[0]!.length > 0) documents.push([]);
      continue;
    }
    if (text === '' || COMMENT.test(text)) continue;
    if (text.length > MAX_LINE) return undefined;
    const match = ENTRY.exec(text);
    if (!match) return undefined;
    const [, spaces = '', markers = '', key, value] = match;
    const indent = spaces.length;
    const line: Line = {
      indent,
      dashes: dashColumns(indent, markers),
      column: indent + markers.length,
      key,
      value,
      block: undefined,
    };
    if (value !== undefined && (value[0] === '|' || value[0] === '>')) {
      // Its content: the lines indented past the key or `-` that holds it.
      const parent = key === undefined ? line.column - 1 : line.column;
      const inside = ' '.repeat(parent + 1);
      const content: string[] = [];
      while (i + 1 < raw.length) {
        const next = raw[i + 1] as string;
        if (next !== '' && !next.startsWith(inside)) break;
        content.push(next);
        i++;
      }
      if (line.dashes.length === 0 && key === undefined) return undefined; // a bare block scalar document
      if (i === raw.length - 1 && !endsWithBreak) return undefined;
      line.block = blockScalar(value, content);
      if (!line.block) return undefined;
    }
    (documents[documents.length - 1] as Line[]).push(line);
  }
  return documents;
}

function dashColumns(indent: number, markers: string): number[] {
  const columns: number[] = [];
  for (let i = 0; i < markers.length; i++) if (markers[i] === '-') columns.push(indent + i);
  return columns;
}

/** Nesting past this depth is left to `yaml`, which reports it. */
const MAX_DEPTH = 200;

/**
 * Recursive descent over one document's lines. A node starts at a line with some of its `- `
 * markers already taken by the sequences that hold it (`used`).
 */
class LineParser {
  private next = 0;

  constructor(private readonly lines: readonly Line[]) {}

  document(): unknown {
    const first = this.lines[0];
    // An empty document, or a bare scalar one: `yaml` tells these apart from a missing one.
    if (!first || first.indent > 0 || (first.dashes.length === 0 && first.key === undefined))
      throw new Unreadable();
    const value = this.node(first, 0, 0);
    if (this.next < this.lines.length) throw new Unreadable(); // a line left over: a syntax error
    return value;
  }

  private node(line: Line, used: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Unreadable();
    if (used < line.dashes.length) return this.sequence(line, used, depth);
    if (line.key !== undefined) return this.mapping(line, depth);
    // A scalar after `- `; an empty item is where the two parsers' leniencies differ.
    if (used === 0 || line.value === undefined) throw new Unreadable();
    this.next++;
    return line.block ? line.block.value : inlineValue(line.value);
  }

  private sequence(first: Line, used: number, depth: number): unknown[] {
    const column = first.dashes[used] as number;
    const items: unknown[] = [];
    let line: Line | undefined = first;
    let taken = used + 1;
    for (;;) {
      items.push(this.node(line, taken, depth + 1));
      line = this.lines[this.next];
      if (!line || line.indent < column) return items;
      if (line.indent > column) throw new Unreadable();
      if (line.dashes[0] !== column) return items; // the mapping that holds it goes on
      taken = 1;
    }
  }

  private mapping(first: Line, depth: number): Record<string, unknown> {
    const column = first.column;
    const map: Record<string, unknown> = {};
    let line: Line | undefined = first;
    for (;;) {
      setKey(map, line.key as string, this.mappingValue(line, column, depth));
      line = this.lines[this.next];
      if (!line || line.indent < column) return map;
      if (line.indent > column || line.dashes.length > 0 || line.key === undefined)
        throw new Unreadable();
    }
  }

  /** The value after `key:`: on its line, or the block below (a sequence may sit at the key's column). */
  private mappingValue(line: Line, column: number, depth: number): unknown {
    this.next++;
    if (line.block) return line.block.value;
    if (line.value !== undefined) return inlineValue(line.value);
    const below = this.lines[this.next];
    if (below && (below.indent > column || (below.indent === column && below.dashes.length > 0)))
      return this.node(below, 0, depth + 1);
    return null;
  }
}

/**
 * Sets a key as the exact parser would, or gives up: on a duplicate, and on a key that a plain
 * scalar of another type turned into text (`1`, `null`, `true`, `.inf`), which `yaml` may spell
 * differently. `__proto__` is defined as an own key, never the prototype.
 */
function setKey(map: Record<string, unknown>, rawKey: string, value: unknown): void {
  const quoted = rawKey[0] === "'" || rawKey[0] === '"';
  const key = quoted ? rawKey.slice(1, -1) : rawKey;
  if (!quoted && typeof plainScalar(key) !== 'string') throw new Unreadable();
  if (keyMayDiffer(key) || Object.hasOwn(map, key)) throw new Unreadable();
  if (key === '__proto__')
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else map[key] = value;
}

function keyMayDiffer(key: string): boolean {
  if (key === '' || key === 'null' || key === 'true' || key === 'false' || key === 'NaN')
    return true;
  return key.includes('Infinity') || !Number.isNaN(Number(key));
}

/** A one-line value: a flow sequence, a flow mapping, or a scalar. */
function inlineValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x5b /* [ */) return flowItems(text).map(flowScalar);
  if (first === 0x7b /* { */) {
    const map: Record<string, unknown> = {};
    for (const item of flowItems(text)) {
      // A quoted key may hold `: ` itself; the layout check allows no escaped quote in one.
      const quote = item[0] === "'" || item[0] === '"' ? item.indexOf(item[0], 1) + 1 : 0;
      const colon = item.indexOf(': ', quote);
      setKey(map, item.slice(0, colon), flowScalar(item.slice(colon + 1).trimStart()));
    }
    return map;
  }
  return scalar(text);
}

/** In a flow collection, a plain scalar may not start with `-` unless a number follows. */
function flowScalar(text: string): unknown {
  if (text[0] === '-' && !/^-[0-9.]/.test(text)) throw new Unreadable();
  return scalar(text);
}

/** The items of a one-line flow collection, as the layout check matched them: split at commas outside quotes. */
function flowItems(text: string): string[] {
  const items: string[] = [];
  let start = 1;
  let quote = '';
  for (let i = 1; i < text.length - 1; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start, -1).trim();
  if (last !== '' || items.length > 0) items.push(last);
  return items;
}
