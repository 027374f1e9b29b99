import { plainScalar, scalar, Unreadable } from './core-scalars.js';
import { blockScalar, type BlockScalar } from './block-scalar.js';
import { lineEntry } from './line-entry.js';
import type { KeyPlace, ValuePlace } from './value-place.js';

/**
 * The fast path of the loader: a line parser for the everyday shapes of YAML that ccac files
 * are written in (block mappings and sequences, one-line scalars and flow collections, literal
 * and folded block scalars), giving the values the `yaml` package gives under its YAML 1.2 core
 * schema. It gives plain values only, no source places, and it gives up (returns undefined) on
 * anything else, and wherever `yaml` would report a diagnostic: then the caller parses the file
 * with `yaml`. A differential test holds it to `yaml` on every fixture and on fuzzed documents.
 */

/**
 * Plain values of every document of a file by the line parser, or undefined when the exact parser
 * must read it. The loader takes them from fast-values.ts (fastParseValues), which walks the text
 * without line records; this stays as the rule it is held to.
 */
export function lineParseValues(text: string): unknown[] | undefined {
  return fastParse(text, false)?.map(({ value }) => value);
}

/**
 * Where the values lineParseValues gives are, document by document, as `yaml` places them: read
 * again when a diagnostic points into a fast-parsed file. Undefined when lineParseValues is.
 */
export function fastParsePlaces(text: string): ValuePlace[] | undefined {
  return fastParse(text, true)?.map(({ place }) => place!);
}

function fastParse(text: string, placing: boolean) {
  if (exactOnly(text)) return undefined;
  const documents = documentLines(text);
  if (!documents) return undefined;
  try {
    return documents.map((lines) => new LineParser(lines, placing).document());
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

export function exactOnly(text: string): boolean {
  return EXACT_ONLY.test(text);
}

/** One line of a block: its `- ` markers' columns, then a key and a value, or a block scalar. */
interface Line {
  /** Its line number in the file, 1-based. */
  row: number;
  indent: number;
  dashes: readonly number[];
  /** Column of the key, or of the value when there is no key (0-based, as the others). */
  column: number;
  key: string | undefined;
  /** The line as written: where its value starts is found from it only when placing. */
  source: string;
  value: string | undefined;
  block: BlockScalar | undefined;
}

/**
 * Longer lines are left to `yaml`. The layout patterns backtrack once per character in places, and
 * V8's backtracking stack overflows past a few million: a 12 MB line threw instead of matching.
 */
export const MAX_LINE = 1 << 20;

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
    if (text === '') continue;
    let indent = 0;
    while (text.charCodeAt(indent) === 0x20 /* space */) indent++;
    if (text.charCodeAt(indent) === 0x23 /* # */) continue; // a comment line
    if (text.length > MAX_LINE) return undefined;
    const { dashes, column } = lineStart(text, indent);
    const entry = lineEntry(text, column);
    if (!entry) return undefined;
    const { key, value } = entry;
    const line: Line = {
      row: i + 1,
      indent,
      dashes,
      column,
      key,
      source: text,
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

/** The dashes of a line without `- ` markers (most lines): shared, never changed. */
const NO_DASHES: readonly number[] = [];

/**
 * The columns of a line's `- ` markers (`(?:- +)*`, each a dash and spaces) after its indent, and
 * where they end: read by hand, as a pattern would, and without the strings it makes.
 */
function lineStart(text: string, indent: number): { dashes: readonly number[]; column: number } {
  let at = indent;
  let dashes = NO_DASHES;
  while (text.charCodeAt(at) === 0x2d /* - */ && text.charCodeAt(at + 1) === 0x20) {
    if (dashes === NO_DASHES) dashes = [];
    (dashes as number[]).push(at);
    at += 2;
    while (text.charCodeAt(at) === 0x20) at++;
  }
  return { dashes, column: at };
}

/** Nesting past this depth is left to `yaml`, which reports it. */
export const MAX_DEPTH = 200;

/**
 * Recursive descent over one document's lines. A node starts at a line with some of its `- `
 * markers already taken by the sequences that hold it (`used`). When `placing`, each node read
 * leaves its place in `placed`, for the node that holds it.
 */
class LineParser {
  private next = 0;
  private placed: ValuePlace | undefined;

  constructor(
    private readonly lines: readonly Line[],
    private readonly placing: boolean,
  ) {}

  document(): { value: unknown; place: ValuePlace | undefined } {
    const first = this.lines[0];
    // An empty document, or a bare scalar one: `yaml` tells these apart from a missing one.
    if (!first || first.indent > 0 || (first.dashes.length === 0 && first.key === undefined))
      throw new Unreadable();
    const value = this.node(first, 0, 0);
    if (this.next < this.lines.length) throw new Unreadable(); // a line left over: a syntax error
    return { value, place: this.placed };
  }

  private node(line: Line, used: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Unreadable();
    if (used < line.dashes.length) return this.sequence(line, used, depth);
    if (line.key !== undefined) return this.mapping(line, depth);
    // A scalar after `- `; an empty item is where the two parsers' leniencies differ.
    if (used === 0 || line.value === undefined) throw new Unreadable();
    this.next++;
    return this.lineValue(line, line.value);
  }

  private sequence(first: Line, used: number, depth: number): unknown[] {
    const column = first.dashes[used] as number;
    const items: unknown[] = [];
    const places: ValuePlace[] | undefined = this.placing ? [] : undefined;
    let line: Line | undefined = first;
    let taken = used + 1;
    for (;;) {
      items.push(this.node(line, taken, depth + 1));
      places?.push(this.placed!);
      line = this.lines[this.next];
      // Ends at a line less indented, or at the next key of the mapping that holds it.
      if (!line || line.indent < column || (line.indent === column && line.dashes[0] !== column))
        break;
      if (line.indent > column) throw new Unreadable();
      taken = 1;
    }
    if (places) this.placed = { line: first.row, column: column + 1, items: places };
    return items;
  }

  private mapping(first: Line, depth: number): Record<string, unknown> {
    const column = first.column;
    const map: Record<string, unknown> = {};
    const keys: Map<string, KeyPlace> | undefined = this.placing ? new Map() : undefined;
    let line: Line | undefined = first;
    for (;;) {
      const key = line.key as string;
      setKey(map, key, this.mappingValue(line, column, depth));
      keys?.set(keyText(key), { line: line.row, column: column + 1, value: this.placed! });
      line = this.lines[this.next];
      if (!line || line.indent < column) break;
      if (line.indent > column || line.dashes.length > 0 || line.key === undefined)
        throw new Unreadable();
    }
    if (keys) this.placed = { line: first.row, column: column + 1, keys };
    return map;
  }

  /** The value after `key:`: on its line, or the block below (a sequence may sit at the key's column). */
  private mappingValue(line: Line, column: number, depth: number): unknown {
    this.next++;
    if (line.value !== undefined) return this.lineValue(line, line.value);
    const below = this.lines[this.next];
    if (below && (below.indent > column || (below.indent === column && below.dashes.length > 0)))
      return this.node(below, 0, depth + 1);
    if (this.placing) this.placed = { line: line.row, column: valueColumn(line) + 1 };
    return null;
  }

  /** A value written on its line: a block scalar, a flow collection or a scalar. */
  private lineValue(line: Line, text: string): unknown {
    if (this.placing) this.placed = inlinePlace(text, line.row, valueColumn(line));
    return line.block ? line.block.value : inlineValue(text);
  }
}

/**
 * The 0-based column of a line's value or block scalar header, or with a key and neither, past the
 * `:` and the spaces after it (where `yaml` places the null).
 */
function valueColumn({ source, column, key }: Line): number {
  if (key === undefined) return column;
  let at = column + key.length + 1;
  while (source.charCodeAt(at) === 0x20 /* space */) at++;
  return at;
}

/**
 * Sets a key as the exact parser would, or gives up: on a duplicate, and on a key that a plain
 * scalar of another type turned into text (`1`, `null`, `true`, `.inf`), which `yaml` may spell
 * differently. `__proto__` is defined as an own key, never the prototype.
 */
export function setKey(map: Record<string, unknown>, rawKey: string, value: unknown): void {
  const key = keyText(rawKey);
  if (!PLAIN_KEYS.has(rawKey)) {
    if (key === rawKey && typeof plainScalar(key) !== 'string') throw new Unreadable();
    if (keyMayDiffer(key)) throw new Unreadable();
    if (PLAIN_KEYS.size < MOST_PLAIN_KEYS) PLAIN_KEYS.add(rawKey);
  }
  if (Object.hasOwn(map, key)) throw new Unreadable();
  if (key === '__proto__')
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else map[key] = value;
}

/**
 * Keys as written that setKey found to read as plain text: a configuration repeats a few dozen
 * keys a hundred thousand times, and the patterns that tell them from numbers, booleans and nulls
 * cost more than the lookup. Bounded, as a file may hold any number of distinct keys.
 */
const PLAIN_KEYS = new Set<string>();
const MOST_PLAIN_KEYS = 4096;

/** A key as written → its text: the layout check allows no escapes in a quoted key. */
function keyText(rawKey: string): string {
  return rawKey[0] === "'" || rawKey[0] === '"' ? rawKey.slice(1, -1) : rawKey;
}

function keyMayDiffer(key: string): boolean {
  if (key === '' || key === 'null' || key === 'true' || key === 'false' || key === 'NaN')
    return true;
  if (key.includes('Infinity')) return true;
  // Number() reads a text starting with a letter or `_` as NaN (but Infinity, above): no need to ask.
  const first = key.charCodeAt(0) | 0x20;
  if ((first >= 0x61 && first <= 0x7a) || first === 0x7f) return false;
  return !Number.isNaN(Number(key));
}

/** A one-line value: a flow sequence, a flow mapping, or a scalar. */
export function inlineValue(text: string): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x5b /* [ */) return flowItems(text).map(flowScalar);
  if (first === 0x7b /* { */) {
    const map: Record<string, unknown> = {};
    for (const item of flowItems(text)) {
      const colon = flowColon(item);
      setKey(map, item.slice(0, colon), flowScalar(item.slice(colon + 1).trimStart()));
    }
    return map;
  }
  return scalar(text);
}

/** Where the `: ` of a flow mapping's item is: a quoted key may hold `: ` itself. */
function flowColon(item: string): number {
  const quote = item[0] === "'" || item[0] === '"' ? item.indexOf(item[0], 1) + 1 : 0;
  return item.indexOf(': ', quote);
}

/** The place of a one-line value starting at (0-based) `column`, and of its flow items. */
function inlinePlace(text: string, row: number, column: number): ValuePlace {
  const place: ValuePlace = { line: row, column: column + 1 };
  const first = text.charCodeAt(0);
  if (first !== 0x5b /* [ */ && first !== 0x7b /* { */) return place;
  const starts: number[] = [];
  const items = flowItems(text, starts);
  const at = (offset: number): ValuePlace => ({ line: row, column: column + offset + 1 });
  if (first === 0x5b) place.items = starts.map(at);
  else {
    place.keys = new Map();
    for (const [i, item] of items.entries()) {
      const start = starts[i] as number;
      const colon = flowColon(item);
      const rest = item.slice(colon + 1);
      const value = at(start + colon + 1 + rest.length - rest.trimStart().length);
      place.keys.set(keyText(item.slice(0, colon)), { ...at(start), value });
    }
  }
  return place;
}

/** In a flow collection, a plain scalar may not start with `-` unless a number follows. */
function flowScalar(text: string): unknown {
  if (text[0] === '-' && !/^-[0-9.]/.test(text)) throw new Unreadable();
  return scalar(text);
}

/**
 * The items of a one-line flow collection, as the layout check matched them: split at commas
 * outside quotes. `starts`, when given, receives where each item starts in `text`.
 */
function flowItems(text: string, starts?: number[]): string[] {
  const items: string[] = [];
  // Trimmed of spaces, the only blanks the layout check lets stand around an item.
  const add = (from: number, to: number) => {
    while (from < to && text.charCodeAt(from) === 0x20) from++;
    while (to > from && text.charCodeAt(to - 1) === 0x20) to--;
    const item = text.slice(from, to);
    items.push(item);
    starts?.push(from);
    return item;
  };
  let start = 1;
  let quote = 0; // the quote's code while inside one
  for (let i = 1; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 0x5c /* \\ */ && quote === 0x22) i++;
      else if (c === quote) quote = 0;
    } else if (c === 0x27 /* ' */ || c === 0x22 /* " */) quote = c;
    else if (c === 0x2c /* , */) {
      add(start, i);
      start = i + 1;
    }
  }
  if (add(start, text.length - 1) === '' && items.length === 1) {
    items.pop();
    starts?.pop();
  }
  return items;
}
