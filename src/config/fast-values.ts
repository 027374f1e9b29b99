import { blockScalar } from './block-scalar.js';
import { Unreadable } from './core-scalars.js';
import { exactOnly, inlineValue, MAX_DEPTH, MAX_LINE, setKey } from './fast-yaml.js';
import { lineEntryIn } from './line-entry.js';

/**
 * The fast parser's values (see fast-yaml.ts), built while walking the text: one line at a time
 * by its offsets, the line being read held in the walker's fields, so that no line is cut out of
 * the text and no record is made per line (a pass over a 100k configuration made ≈ 200 MB of
 * them). It reads the lines as fast-yaml.ts's line parser does, with the same rules in the same
 * order, and gives the same values or gives up (undefined) where that parser does; a
 * differential test holds the two together, and both to `yaml`.
 */
export function fastParseValues(text: string): unknown[] | undefined {
  if (exactOnly(text)) return undefined;
  try {
    return new ValueWalker(text).documents();
  } catch (error) {
    if (error instanceof Unreadable || error instanceof RangeError) return undefined;
    throw error;
  }
}

class ValueWalker {
  /** Where the next line starts. */
  private next = 0;
  /** Whether a significant line was read: a `---` before any only starts the first document. */
  private started = false;

  // The line being read (when `present`): as fast-yaml.ts's `Line`, columns from its start.
  private present = false;
  /** No line because a `---` ended the document (another follows), not the text. */
  private boundary = false;
  private indent = 0;
  private readonly dashes: number[] = [];
  private dashCount = 0;
  private column = 0;
  private key: string | undefined = undefined;
  private value: string | undefined = undefined;
  /** A block scalar's value, when the line's value is a block scalar header. */
  private block: string | undefined = undefined;

  constructor(private readonly text: string) {}

  documents(): unknown[] {
    const values: unknown[] = [];
    this.advance();
    for (;;) {
      values.push(this.document());
      if (!this.boundary) return values;
      this.boundary = false;
      this.advance();
    }
  }

  private document(): unknown {
    // An empty document, or a bare scalar one: `yaml` tells these apart from a missing one.
    if (!this.present || this.indent > 0 || (this.dashCount === 0 && this.key === undefined))
      throw new Unreadable();
    const value = this.node(0, 0);
    if (this.present) throw new Unreadable(); // a line left over: a syntax error
    return value;
  }

  /** Reads the next significant line into the fields, or notes that the document ends. */
  private advance(): void {
    const text = this.text;
    const length = text.length;
    while (this.next < length) {
      const start = this.next;
      let end = text.indexOf('\n', start);
      if (end === -1) end = length;
      this.next = end + 1;
      if (end - start === 3 && text.startsWith('---', start)) {
        // The first `---` (after comments only) starts the first document rather than a second.
        if (!this.started) continue;
        this.present = false;
        this.boundary = true;
        return;
      }
      if (end === start) continue;
      let at = start;
      while (text.charCodeAt(at) === 0x20 /* space */) at++;
      if (text.charCodeAt(at) === 0x23 /* # */) continue; // a comment line
      if (end - start > MAX_LINE) throw new Unreadable();
      this.started = true;
      this.readLine(start, at, end);
      return;
    }
    this.present = false;
  }

  /** The line from `start` to `end`, its indent ending at `at`: markers, key and value. */
  private readLine(start: number, at: number, end: number): void {
    const text = this.text;
    this.present = true;
    this.indent = at - start;
    let count = 0;
    while (text.charCodeAt(at) === 0x2d /* - */ && text.charCodeAt(at + 1) === 0x20) {
      this.dashes[count++] = at - start;
      at += 2;
      while (text.charCodeAt(at) === 0x20) at++;
    }
    this.dashCount = count;
    this.column = at - start;
    const entry = lineEntryIn(text, at, end);
    if (!entry) throw new Unreadable();
    const { key, value } = entry;
    this.key = key;
    this.value = value;
    this.block = undefined;
    if (value !== undefined && (value[0] === '|' || value[0] === '>'))
      this.block = this.blockContent(value, end);
  }

  /** A block scalar's value: the lines after its header indented past the key or `-` holding it. */
  private blockContent(header: string, headerEnd: number): string {
    const text = this.text;
    const length = text.length;
    const inside = (this.key === undefined ? this.column - 1 : this.column) + 1;
    const content: string[] = [];
    let lastEnd = headerEnd;
    while (this.next < length) {
      const start = this.next;
      let end = text.indexOf('\n', start);
      if (end === -1) end = length;
      if (end !== start && !startsWithSpaces(text, start, end, inside)) break;
      content.push(text.slice(start, end));
      lastEnd = end;
      this.next = end + 1;
    }
    if (this.dashCount === 0 && this.key === undefined) throw new Unreadable(); // a bare block scalar document
    if (lastEnd === length) throw new Unreadable(); // no line break after its last line
    const block = blockScalar(header, content);
    if (!block) throw new Unreadable();
    return block.value;
  }

  private node(used: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Unreadable();
    if (used < this.dashCount) return this.sequence(used, depth);
    if (this.key !== undefined) return this.mapping(depth);
    // A scalar after `- `; an empty item is where the two parsers' leniencies differ.
    if (used === 0 || this.value === undefined) throw new Unreadable();
    return this.lineValue();
  }

  private sequence(used: number, depth: number): unknown[] {
    const column = this.dashes[used] as number;
    const items: unknown[] = [];
    let taken = used + 1;
    for (;;) {
      items.push(this.node(taken, depth + 1));
      // Ends at a line less indented, or at the next key of the mapping that holds it.
      if (
        !this.present ||
        this.indent < column ||
        (this.indent === column && (this.dashCount === 0 || this.dashes[0] !== column))
      )
        break;
      if (this.indent > column) throw new Unreadable();
      taken = 1;
    }
    return items;
  }

  private mapping(depth: number): Record<string, unknown> {
    const column = this.column;
    const map: Record<string, unknown> = {};
    for (;;) {
      const key = this.key as string;
      setKey(map, key, this.mappingValue(column, depth));
      if (!this.present || this.indent < column) break;
      if (this.indent > column || this.dashCount > 0 || this.key === undefined)
        throw new Unreadable();
    }
    return map;
  }

  /** The value after `key:`: on its line, or the block below (a sequence may sit at the key's column). */
  private mappingValue(column: number, depth: number): unknown {
    if (this.value !== undefined) return this.lineValue();
    this.advance();
    if (this.present && (this.indent > column || (this.indent === column && this.dashCount > 0)))
      return this.node(0, depth + 1);
    return null;
  }

  /** The current line's value (a block scalar, a flow collection or a scalar); moves past it. */
  private lineValue(): unknown {
    const block = this.block;
    const value = block !== undefined ? block : inlineValue(this.value as string);
    this.advance();
    return value;
  }
}

/** Whether the line from `start` to `end` starts with `count` spaces. */
function startsWithSpaces(text: string, start: number, end: number, count: number): boolean {
  if (end - start < count) return false;
  for (let at = start; at < start + count; at++) if (text.charCodeAt(at) !== 0x20) return false;
  return true;
}
