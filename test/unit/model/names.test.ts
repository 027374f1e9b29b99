import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { hiddenCharacter, nameProblem } from '../../../src/model/names.js';
import { checkConfig } from '../../../src/config/check-config.js';

describe('names that read alike are one name (issue #16)', () => {
  test.each([
    ['zero-width space', 'Sales\u200B', 'U+200B'],
    ['zero-width non-joiner', 'Sa\u200Cles', 'U+200C'],
    ['zero-width joiner outside an emoji', 'Sa\u200Dles', 'U+200D'],
    ['word joiner', 'Sa\u2060les', 'U+2060'],
    ['byte order mark', '\uFEFFSales', 'U+FEFF'],
    ['soft hyphen', 'Sa\u00ADles', 'U+00AD'],
    ['no-break space', 'Sales\u00A0Team', 'U+00A0'],
    ['ideographic space', 'Sales\u3000Team', 'U+3000'],
    ['left-to-right mark', 'Sales\u200E', 'U+200E'],
    ['right-to-left override', '\u202Eexe.txt', 'U+202E'],
    ['first strong isolate', 'Sales\u2068', 'U+2068'],
    ['variation selector on a letter', 'S\uFE0Fales', 'U+FE0F'],
    ['C1 control', 'Sales\u0085', 'U+0085'],
    ['unpaired surrogate', 'Sales\uD800', 'U+D800'],
  ])('%s is refused', (_, name, shown) => {
    expect(hiddenCharacter(name)).toBe(shown);
    expect(nameProblem(name)).toMatch(new RegExp(`^holds ${shown.replace('+', '\\+')}, `));
  });

  test.each([
    ['emoji with joiners and skin tones', 'Support 🎧👩‍💻👩🏽‍💻'],
    ['a pictograph with its variation selector', 'Love ❤️'],
    ['right-to-left scripts', 'תמיכה دعم'],
    ['accents and CJK', 'Café Zürich 東京'],
  ])('%s are kept', (_, name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  test('a space at either end is refused', () => {
    expect(nameProblem(' Sales')).toBe('begins or ends with a space');
    expect(nameProblem('Sales ')).toBe('begins or ends with a space');
  });
});

const TENANT = `apiVersion: ccac/v1
kind: Tenant
metadata: {name: acme}
spec: {subscription: trial, countryOfOperation: NL, timezone: Europe/Amsterdam, platform: new-platform, telephony: webex-calling}
`;
const team = (name: string, extra = '') =>
  `---\napiVersion: ccac/v1\nkind: Team\nmetadata: {tenant: acme, name: "${name}"}\n${extra}`;

function check(text: string) {
  const loaded = loadConfig([{ path: 't.yaml', text }]);
  return checkConfig(loaded.resources, loaded.diagnostics, new Map());
}

describe('text is read in NFC', () => {
  test('a name written precomposed and decomposed is one resource, declared twice', () => {
    const { diagnostics } = check(TENANT + team('Caf\\u00e9') + team('Cafe\\u0301'));
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['DUPLICATE_RESOURCE', 12, 'acme/Team/Café is declared twice: also at t.yaml:8:32'],
    ]);
  });

  test('a reference in either form finds the resource; the stored value is NFC', () => {
    const flow = `---\napiVersion: ccac/v1\nkind: Flow\nmetadata: {tenant: acme, name: f}\nspec: {type: routing, businessHours: "Horaire de\\u0301cale\\u0301"}\n`;
    const hours = `---\napiVersion: ccac/v1\nkind: BusinessHours\nmetadata: {tenant: acme, name: "Horaire d\\u00e9cal\\u00e9"}\nspec: {timezone: UTC}\n`;
    const { desired, diagnostics } = check(TENANT + flow + hours);
    expect(diagnostics).toEqual([]);
    expect(desired.get('Flow', 'f', 'acme')?.spec).toMatchObject({
      businessHours: 'Horaire d\u00e9cal\u00e9',
    });
  });

  test('a definition file is named as written: a path on disk may be in any form', () => {
    const flow = `---\napiVersion: ccac/v1\nkind: Flow\nmetadata: {tenant: acme, name: f}\nspec: {type: routing, definitionFile: "flo\\u0308w.json"}\n`;
    const loaded = loadConfig([{ path: 't.yaml', text: TENANT + flow }]);
    const spec = loaded.resources.find((r) => r.kind === 'Flow')!.spec as {
      definitionFile: string;
    };
    expect(spec.definitionFile).toBe('flo\u0308w.json');
  });

  test('a name with an invisible character is a SCHEMA error at the name', () => {
    const { diagnostics } = check(TENANT + team('Sales\\u200b'));
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      [
        'SCHEMA',
        8,
        32,
        'metadata.name: holds U+200B, a character that is invisible or looks like another: write the name with visible characters only (got "Sales\u200B")',
      ],
    ]);
  });

  test('a NUL or an unpaired surrogate in any string is a SCHEMA error at it', () => {
    const text =
      TENANT +
      team('a', 'spec: {description: "x\\0y"}\n') +
      `---\napiVersion: ccac/v1\nkind: List\nitems:\n  - apiVersion: ccac/v1\n    kind: Team\n    metadata: {tenant: acme, name: b, labels: {k: "\\ud800"}}\n`;
    const { diagnostics } = check(text);
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      ['SCHEMA', 9, 'spec.description: holds the NUL character (U+0000), which cannot be stored'],
      [
        'SCHEMA',
        16,
        'metadata.labels.k: holds an unpaired surrogate (half of a UTF-16 pair, not a character), which cannot be stored',
      ],
    ]);
  });
});
