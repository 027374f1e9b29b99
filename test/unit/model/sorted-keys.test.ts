import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalJson, sortedKeys } from '../../../src/model/canonical-json.js';

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
