import fc from 'fast-check';
import { expect, test } from 'vitest';
import { copyParts, copyText } from '../../src/store/copy-text.js';
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

test('parts start at one piece and at least double, up to the part size; they add up to the rows', () => {
  // About 30 MB of rows: parts of about 1, 2, 4, 8, 8 and what is left (MB), by whole pieces.
  const rows: CopyRow[] = Array.from({ length: 30_000 }, (_, i) => [String(i), 'x'.repeat(1000)]);
  const parts = [...copyParts(rows, 8 << 20)];
  const sizes = parts.map((part) => part.reduce((sum, piece) => sum + piece.byteLength, 0));
  expect(parts.map((part) => part.length)).toEqual([1, 2, 4, 9, 9, 4]);
  for (let i = 1; i < sizes.length - 1; i++) {
    const wanted = Math.min(2 * sizes[i - 1]!, 8 << 20);
    expect(sizes[i]).toBeGreaterThanOrEqual(wanted);
    expect(sizes[i]).toBeLessThan(wanted + (1 << 20)); // the piece that reached it, no more
  }
  expect(joined(parts.flat())).toBe(expected(rows));
  // No rows: one empty part, so that the statement still runs.
  expect([...copyParts([], 8 << 20)]).toEqual([[]]);
});
