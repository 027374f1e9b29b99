import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../src/model/canonical-text.js';
import { jsonbText, rowMd5 } from '../../src/store/jsonb-text.js';
import { rowChecksum } from '../../src/store/row-checksum.js';
import { storeTargets } from '../helpers/databases.js';

/** Keys jsonb orders unlike JavaScript: lengths, case, non-ASCII of 2, 3 and 4 bytes. */
const key = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom(
    'a',
    'b',
    'aa',
    'B',
    '10',
    '9',
    '__proto__',
    'é',
    'e',
    'ÿ',
    '€',
    '😀',
    'zz',
    'ab',
  ),
);

/** Strings jsonb accepts (no NUL, no lone surrogate), with controls, quotes and escapes. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('"', '\\', '\n\t\r\b\f', '\u0001\u001f\u007f', '/', 'a\u2028b'),
);

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e21, 1.2345e21, -1e300, 1.5e-7, 5e-324, -0, 0.1, 123.456, 2 ** 53),
);

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    number,
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 5 })
      .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown),
  ),
})).value;

describe.each(storeTargets())('jsonbText on $dialect', (target) => {
  it("is the database's text of the jsonb the canonical text makes, and rowMd5 its checksum", async () => {
    const store = await target.open();
    const values = fc.sample(json, { numRuns: 1_000, seed: 7 });
    values.push({ b: 1, a: undefined, c: [undefined, 1e-7] }, {}, [], { '': '' });
    const rows = values.map((value, i) => ({
      scope: `s${i}`,
      kind: 'Queue',
      name: `n${i}`,
      tenant: i % 2 === 0 ? null : 't',
      hash: 'h',
      value: canonicalText(value),
    }));
    const found = await store.db.query<{ text: string; md5: string }>(
      `select r.value::jsonb::text as text, ${rowChecksum('r', 'r.value::jsonb::text')} as md5
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              with ordinality as r(scope, kind, name, tenant, hash, value, n)
        order by r.n`,
      (['scope', 'kind', 'name', 'tenant', 'hash', 'value'] as const).map((column) =>
        rows.map((row) => row[column]),
      ),
    );
    rows.forEach((row, i) => {
      const mine = jsonbText(values[i]);
      expect(mine).toBe(found[i]!.text);
      expect(rowMd5(row, mine)).toBe(found[i]!.md5);
    });
  });
});
