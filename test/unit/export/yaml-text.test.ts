import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseYamlFile } from '../../../src/config/yaml-document.js';
import { readsAsNonStringInYaml11, yamlText } from '../../../src/export/yaml-text.js';

/** Reads text back as ccac's loader does (YAML 1.2 core, strict). */
function readBack(text: string): unknown {
  const parsed = parseYamlFile({ path: 'x.yaml', text });
  expect(parsed.diagnostics).toEqual([]);
  return parsed.documents[0]?.value;
}

const TRICKY = [
  'true',
  'False',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'N',
  'null',
  '~',
  '',
  ' ',
  '0',
  '0123',
  '0x1F',
  '1e3',
  '.inf',
  '-.Inf',
  '.nan',
  '12:30',
  '08:00',
  '2024-01-01',
  '2024-01-01T10:00:00Z',
  '<<',
  '=',
  '+31201234500',
  '- a',
  'a: b',
  '# x',
  '&a',
  '*a',
  '!tag',
  '%x',
  '@x',
  '`x',
  '"q"',
  "'q'",
  '{x}',
  '[x]',
  '|',
  '>',
  '?',
  'x #y',
  'trailing ',
  ' leading',
  'line\nbreak',
  'tab\there',
  'cr\rhere',
  'end\n',
  '\n\nstart',
  'ذكاء اصطناعي',
  'עברית',
  '🦜 Parrot 🚀',
  "x'); DROP TABLE resources;--",
  '$(rm -rf ~)',
  'a\u200Bb',
  '\u202Eevil',
  '\uFEFFbom',
  'back\\slash',
  '\u0085nel',
  'é',
];

describe('yamlText', () => {
  test.each(TRICKY)('%j round-trips as a string, as value and as key', (value) => {
    expect(readBack(yamlText({ value, list: [value], map: { [value]: value } }))).toEqual({
      value,
      list: [value],
      map: { [value]: value },
    });
  });

  test('any string round-trips through ccac’s loader', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        expect(readBack(yamlText({ value }))).toEqual({ value });
      }),
      { numRuns: 300 },
    );
  });

  test('strings a YAML 1.1 reader would mistype are quoted, so they stay strings there too', () => {
    const text = yamlText({ a: 'yes', b: '12:30', c: '2024-01-01', d: 'off', e: 'plain' });
    expect(text).toBe('a: "yes"\nb: "12:30"\nc: "2024-01-01"\nd: "off"\ne: plain\n');
    expect(parse(text, { version: '1.1' })).toEqual({
      a: 'yes',
      b: '12:30',
      c: '2024-01-01',
      d: 'off',
      e: 'plain',
    });
  });

  test('ordinary values stay plain; numbers and booleans keep their type', () => {
    expect(
      yamlText({ count: 3, on_: true, zone: 'Europe/Amsterdam', mail: 'ann@acme.example' }),
    ).toBe('count: 3\non_: true\nzone: Europe/Amsterdam\nmail: ann@acme.example\n');
  });

  test('long strings are not folded', () => {
    const long = 'word '.repeat(60).trim();
    expect(yamlText({ long })).toBe(`long: ${long}\n`);
  });

  test('the YAML 1.1 check knows its forms', () => {
    for (const s of [
      'Yes',
      'OFF',
      '0b101',
      '190:20:30',
      '1_000',
      '.5',
      '-1.5e+3',
      '2001-12-14 21:59:43.10 -5',
    ])
      expect(readsAsNonStringInYaml11(s)).toBe(true);
    for (const s of ['Sales_Chat', 'acme', 'yesno', '08-00', '1.2.3', 'e1'])
      expect(readsAsNonStringInYaml11(s)).toBe(false);
  });
});
