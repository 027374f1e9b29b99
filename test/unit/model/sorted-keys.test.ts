import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson, sortedKeys, sortKeys } from '../../../src/model/canonical-json.js';

// Keys that sort differently by code unit than by locale or by number: case, digits, symbols,
// a character outside the BMP (two code units) and one just below it.
const key = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('a', 'B', '10', '9', '__proto__', '\u{1f600}', '\uffff', 'é', 'e\u0301'),
);

test('an object’s keys come in the default sort’s order, few keys or many', () => {
  fc.assert(
    fc.property(fc.uniqueArray(key, { maxLength: 40 }), (keys) => {
      const value = Object.fromEntries(keys.map((k, i) => [k, i]));
      expect(sortedKeys(value)).toEqual(Object.keys(value).sort());
    }),
    { numRuns: 3000 },
  );
});

test('canonical JSON sorts nested keys as before', () => {
  expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null }, B: 2 })).toBe(
    '{"B":2,"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
  );
});

/** sortKeys as first written: every array item and member through the same call. */
function sortKeysByMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysByMap);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[k];
    if (item !== undefined)
      Object.defineProperty(out, k, {
        value: sortKeysByMap(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

test('sorted copies of any value are what a call per member makes, and share nothing with it', () => {
  const member = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, member, tie('list'), tie('record')),
    list: fc.array(tie('node'), { maxLength: 5 }),
    record: fc.dictionary(key, tie('node'), { maxKeys: 6 }),
  })).node;
  fc.assert(
    fc.property(value, (v) => {
      const sorted = sortKeys(v);
      expect(JSON.stringify(sorted)).toBe(JSON.stringify(sortKeysByMap(v)));
      if (v !== null && typeof v === 'object') expect(sorted).not.toBe(v);
      if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null)
        expect((sorted as unknown[])[0]).not.toBe(v[0]);
    }),
    { numRuns: 2000 },
  );
});
