import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { generateShaped } from '../../bench/generate.mjs';
import { tempDir } from '../helpers/temp-dir.js';
import { fastParseValues } from '../../src/config/fast-values.js';
import { lineParseValues } from '../../src/config/fast-yaml.js';
import { parseYamlFile, parseYamlFileExact } from '../../src/config/yaml-document.js';
import { yamlFiles } from '../helpers/yaml-files.js';

/**
 * The fast parser (a line parser for everyday shapes) is only a shortcut: whenever it gives values,
 * they are exactly the values `yaml` gives, `yaml` finds nothing wrong with the file, and every
 * value and key is placed where `yaml` places it.
 */
/**
 * How often the fast path must answer in the fuzz below (out of 6,000 block-scalar files and
 * 3,000 edited documents; it answers about 3,400 and 330): a fast path that declined everything
 * would pass every comparison, so the comparisons alone prove nothing.
 */
const FLOOR_BLOCK = 2000;
const FLOOR_DOCS = 150;

function expectSameAsExact(text: string, file = 'fuzz.yaml'): boolean {
  const fast = fastParseValues(text);
  expectSameAsLines(text, fast);
  if (fast === undefined) return false;
  const exact = parseYamlFileExact({ path: file, text });
  expect(exact.diagnostics).toEqual([]);
  expect(fast).toStrictEqual(exact.documents.map((d) => d.value));
  for (const [i, value] of fast.entries()) expectSameNumbers(value, exact.documents[i]?.value);
  const placed = parseYamlFile({ path: file, text }).documents;
  for (const [i, value] of fast.entries()) {
    for (const path of probes(value, [])) {
      for (const target of ['value', 'key'] as const)
        expect(placed[i]!.locate(path, target), `${JSON.stringify(path)} ${target}`).toEqual(
          exact.documents[i]!.locate(path, target),
        );
    }
  }
  return true;
}

/**
 * The walker (fast-values.ts) gives the line parser's values (fast-yaml.ts, whose places a
 * fast-parsed file is located by), and gives up where it does. Only a line holding a `\r`,
 * `\u2028` or `\u2029` may be refused by the walker alone (its pattern's `$` reads them as
 * line ends): never the other way round, as places must be found for every value it gives.
 */
function expectSameAsLines(text: string, fast = fastParseValues(text)): void {
  const lines = lineParseValues(text);
  if (fast !== undefined) expect(fast).toStrictEqual(lines);
  else if (!/[\r\u2028\u2029]/.test(text)) expect(lines).toBeUndefined();
}

/** Every path into a value, and paths just past it: a missing key or item, one level too deep. */
function probes(value: unknown, path: (string | number)[]): (string | number)[][] {
  const out = [path, [...path, 'missing'], [...path, 99]];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...probes(item, [...path, i])));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...probes(item, [...path, key]));
  return out;
}

/** toStrictEqual treats 0 and -0 alike; YAML `-0.0` must stay -0 on both paths. */
function expectSameNumbers(a: unknown, b: unknown): void {
  if (typeof a === 'number') expect(Object.is(a, b)).toBe(true);
  else if (a !== null && typeof a === 'object')
    for (const [key, value] of Object.entries(a))
      expectSameNumbers(value, (b as Record<string, unknown>)[key]);
}

describe('fast parse', () => {
  const fixtures = yamlFiles('examples');

  test.each(fixtures)('%s: same values as yaml', (file) => {
    expectSameAsExact(readFileSync(file, 'utf8'), file);
  });

  test('the good examples take the fast path', () => {
    // The ccac configurations, not the CI files beside them in examples/gitops.
    const good = fixtures.filter(
      (f) => !f.includes('broken') && readFileSync(f, 'utf8').includes('apiVersion: ccac/v1'),
    );
    const slow = good.filter((f) => fastParseValues(readFileSync(f, 'utf8')) === undefined);
    expect(slow).toEqual([]);
  });

  test('places of a fast-parsed file are those yaml gives', () => {
    const text =
      'apiVersion: ccac/v1\nkind: Team\nmetadata:\n  name: a\n---\nkind: Team\nspec:\n  x: 1\n';
    const parsed = parseYamlFile({ path: 't.yaml', text });
    expect(parsed.documents).toHaveLength(2);
    expect(parsed.documents[1]?.locate(['spec', 'x'])).toEqual({
      file: 't.yaml',
      line: 8,
      column: 6,
    });
    expect(parsed.documents[1]?.locate(['spec', 'x'], 'key')).toEqual({
      file: 't.yaml',
      line: 8,
      column: 3,
    });
  });

  test.each([
    ['duplicate key', 'a: 1\na: 2\n'],
    ['integer past 2^53', 'a: 9007199254740993\n'],
    ['merge key', 'b: &x {c: 1}\na:\n  <<: *x\n'],
    ['alias', 'a: &x 1\nb: *x\n'],
    ['tag', 'a: !!str 1\n'],
    ['directive', '%YAML 1.1\n---\na: yes\n'],
    ['syntax error', 'a: [1, 2\n'],
    ['empty document', 'a: 1\n---\n'],
    ['null document', '--- null\n'],
    ['numeric key', '1: a\n'],
    ['keyword key', 'True: a\n'],
    ['reserved indicator', 'a: @x\n'],
    ['document end marker', 'a: 1\n...\n'],
    ['indented document', '  a: 1\n'],
    ['bare scalar document', 'abc\n'],
    ['block scalar without a final line break', 'a: |\n  x'],
    ['scalar continued on the next line', 'a: b\n  c\n'],
    ['null key', '~: a\n'],
    ['a key a number in quotes', "'0x1F': a\n"],
    ['a key a number after spaces, in quotes', "' 12': a\n"],
    ['a key a number after a no-break space, in quotes', "'\u00a012': a\n"],
    ['a key Infinity in quotes', "'-Infinity': a\n"],
    ['a keyword key after the same key in quotes', "'True': a\n---\nTrue: a\n"],
    ['a key seen plain, then twice in one mapping', 'kind: a\n---\nkind: a\nkind: b\n'],
    ['deep nesting', '['.repeat(10_000) + ']'.repeat(10_000)],
  ])('%s goes to the exact parser', (_, text) => {
    expect(fastParseValues(text)).toBeUndefined();
  });

  const blockList = (items: string[]) => `a:\n${items.map((i) => `  - ${i}\n`).join('')}`;
  test.each([
    ['YAML 1.1 booleans stay text', blockList(['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO'])],
    [
      'YAML 1.1 octal, sexagesimal, binary stay text',
      blockList(['0123', '012', '12:30', '1_000', '0b101']),
    ],
    ['timestamps stay text', 'a: 2026-01-01\nb: 2026-01-01T10:00:00Z\n'],
    [
      'core numbers',
      blockList(['0o17', '0x1F', '+12', '-0', '1e3', '.5', '5.', '-.inf', '.NaN', '-0.0', '1.50']),
    ],
    [
      'core nulls and booleans',
      blockList(['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', '""']),
    ],
    ['__proto__ stays a key', '__proto__: {polluted: true}\nb: 1\n'],
    ['quoted forms', `a: "\\u0041\\x41\\t"\nb: 'it''s'\n`],
    ['block scalars', 'a: |\n  x\n  y\nb: >-\n  p\n  q\n\nc: |+\n  keep\n\n'],
    ['folded with more-indented lines', 'a: >\n  p\n    q\n  r\n\n  s\n  t\nb: 1\n'],
    ['block scalar in a sequence', 'a:\n  - |\n    x\n  - >-\n    y\n    z\n'],
    [
      'compact nesting',
      "a:\n- - x\n  - y\n- k: 1\n  j: [2, \"3\", 'c, d']\nb: {p: q, 'r: s': t}\n",
    ],
    ['a document start marker first', '# c\n---\na: 1\n---\nb: 2\n'],
    ['keys that look like other scalars in quotes', `"a b": 1\n'x': 2\n`],
    [
      'spacing inside flow collections and after keys',
      "a: [ x ,  'y' ]\nb: {p:  q ,  'r: s':   t}\nc:   \nd:  # c\ne:\n- 1\n-   [ ]\n",
    ],
  ])('%s: same values as yaml', (_, text) => {
    expect(fastParseValues(text)).toBeDefined();
    expectSameAsExact(text);
  });

  test.each([
    [
      'quoted values, comments after them',
      `a: "x y"  # c\nb: 'it''s' # d\nc:\n  - "p" # e\n  - 'q'\n`,
    ],
    ['plain values with comments and spaces after them', 'a: x y  # c\nb: z \nc:\n  - p q # e\n'],
    ['a quoted key and a quoted value', `"k": "v"\n'j': 'w'\n`],
    [
      'kind: List',
      'apiVersion: ccac/v1\nkind: List\nitems:\n  - kind: Team\n    metadata:\n      name: "a"  # c\n  - kind: Team\n    spec: {x: 1}\n',
    ],
  ])('%s: same values as yaml and the line parser', (_, text) => {
    expect(fastParseValues(text)).toBeDefined();
    expectSameAsExact(text);
  });

  test.each([
    ['a carriage return after a value', 'a: x\r\nb: 1\n'],
    ['a `#` inside a plain value', 'a: x#y\nb: "q"\n'],
    ['a comment glued to a quoted value', 'a: "x"# c\n'],
    ['a quoted key without a value after it', `"k" : v\n`],
    ['a line separator in a comment', 'a: x # c\u2028d\n'],
  ])('%s goes to the exact parser', (_, text) => {
    expect(fastParseValues(text)).toBeUndefined();
    expectSameAsLines(text);
  });

  test('the bench’s shapes: the walker gives the line parser’s values', async () => {
    for (const shape of ['generator', 'lists', 'flow', 'quoted'] as const) {
      const dir = await tempDir();
      await generateShaped(dir, 1000, { shape, moved: false });
      const names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) =>
        n.endsWith('.yaml'),
      );
      for (const name of names) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        const fast = fastParseValues(text);
        expect(fast, `${shape} ${name}`).toBeDefined();
        expect(fast).toStrictEqual(lineParseValues(text));
      }
    }
  });

  test('__proto__ does not reach the prototype', () => {
    const [value] = fastParseValues('__proto__: {polluted: true}\n') ?? [];
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const SCALARS = [
    'yes',
    'no',
    'on',
    'Off',
    'y',
    'N',
    '0123',
    '012',
    '0o17',
    '0o8',
    '0x1F',
    '0x',
    '0b101',
    '+12',
    '-0',
    '1_000',
    '12:30',
    '1e3',
    '1E+3',
    '.5',
    '5.',
    '-.inf',
    '.Inf',
    '.NaN',
    '.nan',
    'nan',
    '~',
    'null',
    'Null',
    'NULL',
    'nULL',
    'true',
    'TRUE',
    'tRUE',
    'False',
    '2026-01-01',
    '9007199254740991',
    '9007199254740992',
    '-9007199254740993',
    '1.0',
    '-0.0',
    'a b',
    'x: y',
    'a #b',
    'a, b',
    'a,b',
    '"q"',
    "'s'",
    '"\\u00e9\\n"',
    "'it''s'",
    '""',
    "''",
    'ann@acme.example',
    '+31201234567',
    "'+31201234567'",
    '[a, b]',
    '{k: v}',
    '[]',
    '{}',
    '-',
    '- x',
    '?',
    ':',
    'a:b',
    'é',
    '💬',
    '__proto__',
    'constructor',
  ];
  const scalar = fc.constantFrom(...SCALARS);
  /** Inserted at random places: broken indentation, glued comments, stray quotes and brackets. */
  const EDITS = [
    ' ',
    '\n',
    '#',
    ':',
    '-',
    '"',
    "'",
    '\t',
    '[',
    '{',
    ',',
    '|',
    '>',
    '?',
    '- ',
    ': ',
    '  ',
    '|\n',
    '>-\n',
    '\n  ',
    '\n- ',
    ' #',
    '\r',
    '\\',
    ' "q" ',
    " 'it''s' # c",
    '  # c',
  ];
  const key = fc.oneof(
    fc.constantFrom('a', 'b', 'name', 'spec', '__proto__', 'toString', '"q"', "'k'", '1', 'x y'),
    fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/),
  );
  type Tree = { scalar: string } | { map: [string, Tree][] } | { seq: Tree[] };
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar.map((s) => ({ scalar: s })),
      fc.array(fc.tuple(key, tie('tree')), { maxLength: 4 }).map((map) => ({ map })),
      fc.array(tie('tree'), { maxLength: 4 }).map((seq) => ({ seq })),
    ),
  }));

  function render(node: Tree, indent: string): string {
    if ('scalar' in node) return ` ${node.scalar}\n`;
    if ('map' in node) {
      if (node.map.length === 0) return ' {}\n';
      return '\n' + node.map.map(([k, v]) => `${indent}${k}:${render(v, indent + '  ')}`).join('');
    }
    if (node.seq.length === 0) return ' []\n';
    return '\n' + node.seq.map((v) => `${indent}-${render(v, indent + '  ')}`).join('');
  }

  const blockLine = fc.oneof(
    fc.constant(''),
    fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', 'y z', '# c', '- i', 'k: v'))
      .map(([extra, text]) => `${' '.repeat(2 + extra)}${text}`),
  );
  test('fuzzed block scalars: whenever the fast path answers, it answers like yaml', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('|', '|-', '|+', '>', '>-', '>+'),
        fc.array(blockLine, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('', 'b: 1\n', '---\nb: 1\n', '\n'),
        (header, lines, after) => {
          if (expectSameAsExact(`a: ${header}\n${lines.join('\n')}\n${after}`)) answered++;
          const listed = `- ${header}\n${lines.join('\n')}\n${after.replace('b: 1', '- 1')}`;
          if (expectSameAsExact(listed)) answered++;
        },
      ),
      { numRuns: 3000 },
    );
    // Declining everything would pass the comparison; the fast path must answer most of these.
    expect(answered).toBeGreaterThan(FLOOR_BLOCK);
  });

  test('fuzzed documents: whenever the fast path answers, it answers like yaml', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...EDITS)), { maxLength: 3 }),
        (docs, edits) => {
          let text = docs.map((d) => `root:${render(d, '  ')}`).join('---\n');
          for (const [at, char] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + char + text.slice(i);
          }
          if (expectSameAsExact(text)) answered++;
        },
      ),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(FLOOR_DOCS);
  });
});
