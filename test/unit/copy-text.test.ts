import fc from 'fast-check';
import { expect, test } from 'vitest';
import { copyText } from '../../src/store/copy-text.js';
import type { CopyRow } from '../../src/store/database.js';

/** COPY's text format, written the obvious way: what the pieces must add up to. */
function expected(rows: CopyRow[]): string {
  const escape = (value: string) =>
    value.replace(
      /[\\\t\n\r]/g,
      (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
    );
  return rows
    .map(
      (row) =>
        `${row.map((v) => (v === null || v === undefined ? '\\N' : escape(v))).join('\t')}\n`,
    )
    .join('');
}

function joined(pieces: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return pieces.map((piece) => decoder.decode(piece, { stream: true })).join('') + decoder.decode();
}

const value = fc.option(
  fc.string({
    unit: fc.constantFrom('a', 'é', '💬', '\\', '\t', '\n', '\r', '"', ' '),
    maxLength: 12,
  }),
);

test('pieces of COPY text add up to the rows, escaped', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { maxLength: 30 }),
      (rows) => {
        expect(joined([...copyText(rows)])).toBe(expected(rows));
      },
    ),
  );
});

test('rows are split into pieces of about a megabyte, a longer row in a piece of its own', () => {
  const long = 'é'.repeat(700_000); // 1.4 MB as UTF-8
  const rows: CopyRow[] = [
    ...Array.from({ length: 20_000 }, (_, i) => [`row ${i}`, 'x'.repeat(100), null]),
    [long],
    ['after'],
  ];
  const pieces = [...copyText(rows)];
  expect(pieces.length).toBeGreaterThan(3);
  expect(pieces.every((piece) => piece.byteLength <= Math.max(1 << 20, long.length * 3))).toBe(
    true,
  );
  expect(joined(pieces)).toBe(expected(rows));
});
