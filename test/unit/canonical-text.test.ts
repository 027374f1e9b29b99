import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/model/canonical-json.js';
import { canonicalSha256Steps, canonicalText, completed } from '../../src/model/canonical-text.js';

/** Keys that sort unlike they are listed: array indexes, case, `__proto__`, non-ASCII. */
const key = fc.oneof(
  fc.string(),
  fc.constantFrom('0', '9', '10', '01', '4294967295', '__proto__', 'A', 'a', 'é', '😀', 'spec'),
);

/** JSON values as the store sees them, built with own `__proto__` keys like JSON.parse makes. */
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string(),
    fc.array(tie('value')),
    fc
      .array(fc.tuple(key, tie('value')))
      .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown),
  ),
})).value;

describe('canonicalText', () => {
  it('is canonicalJson, for values in any key order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalText(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is canonicalJson for sorted values, undefined members and class instances', () => {
    const sorted = { a: 1, b: [{ c: true, d: null }], e: { f: 'g' } };
    expect(canonicalText(sorted)).toBe(JSON.stringify(sorted));
    for (const value of [
      { b: 1, a: undefined },
      [undefined, { z: 1, y: undefined }],
      { when: new Date(0), set: new Set([1]) },
      { '10': 1, '9': 2, b: 3, a: 4 },
    ])
      expect(canonicalText(value)).toBe(canonicalJson(value));
  });
});

describe('canonicalSha256Steps', () => {
  const sha = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

  it('is the sha256 of canonicalJson, for values in any key order', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(completed(canonicalSha256Steps(value))).toBe(sha(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is the sha256 of canonicalJson for undefined members, class instances and index keys', () => {
    for (const value of [
      { b: 1, a: undefined },
      [undefined, { z: 1, y: undefined }],
      { when: new Date(0), set: new Set([1]), z: [{ b: 1, a: 2 }] },
      { '10': 1, '9': 2, b: 3, a: 4, '01': 5, '4294967295': 6, '4294967294': 7 },
      { text: 'x'.repeat(70_000), emoji: '😀'.repeat(40_000), after: { b: '\ud800', a: 1 } },
    ])
      expect(completed(canonicalSha256Steps(value))).toBe(sha(value));
  });
});
