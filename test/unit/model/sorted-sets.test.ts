import fc from 'fast-check';
import { expect, test } from 'vitest';
import { canonicalSpecOf } from '../../../src/model/canonicalize.js';
import type { CanonicalSpec } from '../../../src/model/model.js';

// Members that sort differently by code unit than by locale or by number: case, digits, symbols,
// a character outside the BMP (two code units) and one just below it; repeated ones too.
const member = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.constantFrom('a', 'B', '10', '9', '\u{1f600}', '\uffff', 'é', 'e\u0301'),
);
// Written in order half of the time, as most lists are, where the sort is skipped.
const list = fc.tuple(fc.array(member, { minLength: 1, maxLength: 30 }), fc.boolean());

test('a set’s list comes in the default sort’s order, written in order or not', () => {
  fc.assert(
    fc.property(list, list, ([agents, inOrder], [teams]) => {
      const written = inOrder ? [...agents].sort() : agents;
      const spec = { agents: written, teams } as unknown as CanonicalSpec<'Queue'>;
      const canonical = canonicalSpecOf('Queue', spec, 't', undefined);
      expect(canonical.agents).toEqual([...agents].sort());
      expect(canonical.teams).toEqual([...teams].sort());
      expect(canonical.agents).not.toBe(written); // a copy: the spec as written is left as it was
    }),
    { numRuns: 3000 },
  );
});

test('a list with other members than strings is sorted as the default sort does', () => {
  const spec = { agents: [10, 9, 'a'] } as unknown as CanonicalSpec<'Queue'>;
  expect(canonicalSpecOf('Queue', spec, 't', undefined).agents).toEqual([10, 9, 'a']);
  const numbers = { agents: [2, 10] } as unknown as CanonicalSpec<'Queue'>;
  expect(canonicalSpecOf('Queue', numbers, 't', undefined).agents).toEqual([10, 2]);
});
