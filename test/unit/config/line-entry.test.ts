import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ENTRY, lineEntry, lineEntryIn, simpleEntry } from '../../../src/config/line-entry.js';

/** What the layout pattern alone captures of a line from `column` on: the fast parser's rule. */
function byPattern(text: string, column: number) {
  ENTRY.lastIndex = column;
  const match = ENTRY.exec(text);
  return match ? { key: match[1], value: match[2] } : undefined;
}

/**
 * The hand-read lines (simpleEntry) are a shortcut past the pattern: whenever it answers, the
 * pattern captures the same key and value, and lineEntry answers as the pattern on every line.
 */
describe('a line of a block: its key and value', () => {
  // Characters that decide a line's shape: key and plain characters, the indicators, quotes,
  // spaces, a tab, a carriage return, a non-ASCII letter and a non-breaking space.
  const piece = fc.constantFrom(
    'a',
    'Z',
    '0',
    '9',
    '_',
    '.',
    '/',
    '@',
    '-',
    '+',
    '~',
    '(',
    ')',
    ',',
    '!',
    '%',
    '=',
    '<',
    ':',
    ' ',
    '  ',
    '#',
    '[',
    ']',
    '{',
    '}',
    "'",
    '"',
    '|',
    '>',
    '\t',
    '\r',
    'é',
    '\u00a0',
    'name',
    'Agent 1',
    ': ',
    ' #',
    '- ',
    'x: y',
  );
  const line = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

  test('fuzzed lines: the hand-read ones capture what the pattern captures', () => {
    let simple = 0;
    fc.assert(
      fc.property(fc.nat({ max: 4 }), line, (indent, rest) => {
        const text = ' '.repeat(indent) + rest;
        const hand = simpleEntry(text, indent);
        if (hand !== undefined) {
          simple++;
          expect(hand).toEqual(byPattern(text, indent));
        }
        expect(lineEntry(text, indent)).toEqual(byPattern(text, indent));
      }),
      { numRuns: 20000 },
    );
    // A shortcut that declined everything would pass the comparison: it must take some.
    expect(simple).toBeGreaterThan(500);
  });

  test('fuzzed lines read in place: what the pattern captures on the line alone', () => {
    let same = 0;
    fc.assert(
      fc.property(line, fc.nat({ max: 4 }), line, line, (before, indent, rest, after) => {
        const own = ' '.repeat(indent) + rest;
        const text = `${before}\n${own}\n${after}`;
        const start = before.length + 1;
        const inPlace = lineEntryIn(text, start + indent, start + own.length);
        const alone = byPattern(own, indent);
        // Refused only where the line holds a line end of the pattern's `m` (`\r` here).
        if (inPlace === undefined && alone !== undefined) expect(own).toContain('\r');
        else expect(inPlace).toEqual(alone);
        if (inPlace !== undefined) same++;
      }),
      { numRuns: 20000 },
    );
    expect(same).toBeGreaterThan(2000);
  });

  test.each([
    ['name: Agent 0-1', { key: 'name', value: 'Agent 0-1' }],
    ['spec:', { key: 'spec', value: undefined }],
    ['spec:   ', { key: 'spec', value: undefined }],
    ['email: agent001@tenant-000.example', { key: 'email', value: 'agent001@tenant-000.example' }],
    ['full-admin', { key: undefined, value: 'full-admin' }],
    ['1.5', { key: undefined, value: '1.5' }],
    ['key:   (moved) x', { key: 'key', value: '(moved) x' }],
    ['name: Agent  # a comment', { key: 'name', value: 'Agent' }],
    ['name: trailing ', { key: 'name', value: 'trailing' }],
    ['name: a b #c', { key: 'name', value: 'a b' }],
    ['name: "quoted"', { key: 'name', value: '"quoted"' }],
    ["name: 'it''s'  # c", { key: 'name', value: "'it''s'" }],
    ['"quoted" # c', { key: undefined, value: '"quoted"' }],
    ["'s'", { key: undefined, value: "'s'" }],
  ])('%j is read by hand', (text, expected) => {
    expect(simpleEntry(text, 0)).toEqual(expected);
    expect(byPattern(text, 0)).toEqual(expected);
  });

  test.each([
    'name: a:b',
    'name: "esc\\"aped"',
    'name: "a"#c',
    'name: Agent # c\r',
    '"key": value',
    "'key': value",
    "'it''s': value",
    'name: [a, b]',
    'name: {a: b}',
    'name: |',
    'name: -1',
    'name:\tvalue',
    'name: é',
    '"key": value',
    'key:value',
  ])('%j is left to the pattern', (text) => {
    expect(simpleEntry(text, 0)).toBeUndefined();
    expect(lineEntry(text, 0)).toEqual(byPattern(text, 0));
  });
});
