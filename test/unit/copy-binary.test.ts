import { describe, expect, it } from 'vitest';
import { eachIntTextsRow } from '../../src/store/copy-binary.js';

type Row = readonly [number, ...(string | null)[]];

/** A binary COPY of (int4, text…) rows, as PostgreSQL writes it. */
function copyOf(rows: readonly Row[]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const [int, ...texts] of rows) {
    const head = Buffer.alloc(10);
    head.writeInt16BE(1 + texts.length, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(int, 6);
    parts.push(head);
    for (const text of texts) {
      const bytes = text === null ? Buffer.alloc(0) : Buffer.from(text, 'utf8');
      const size = Buffer.alloc(4);
      size.writeInt32BE(text === null ? -1 : bytes.length, 0);
      parts.push(size, bytes);
    }
  }
  const end = Buffer.alloc(2);
  end.writeInt16BE(-1, 0);
  return Buffer.concat([...parts, end]);
}

const read = (pieces: Uint8Array[], texts = 2) => {
  const rows: Row[] = [];
  eachIntTextsRow(pieces, texts, (int, fields) =>
    rows.push([
      int,
      ...fields.map(({ bytes, start, end }) =>
        start < 0 ? null : bytes.toString('utf8', start, end),
      ),
    ]),
  );
  return rows;
};

describe('eachIntTextsRow', () => {
  const rows: Row[] = [
    [1, '"a",["b"]', null],
    [1, 'tëam "one"\u{1f600}', ''],
    [2, null, null],
    [2_147_483_647, 'x'.repeat(300), 'y'],
  ];
  const whole = copyOf(rows);

  it('reads every row of one piece, its nulls as nulls', () => {
    expect(read([whole])).toEqual(rows);
  });

  it('reads rows split over pieces anywhere, however small', () => {
    for (let at = 1; at < whole.length; at++)
      expect(read([whole.subarray(0, at), whole.subarray(at)])).toEqual(rows);
    const bytes = [...whole].map((byte) => Uint8Array.of(byte));
    expect(read(bytes)).toEqual(rows);
  });

  it('refuses what is not a binary COPY of an int4 and the texts, or is cut short', () => {
    expect(() => read([Buffer.from('1\tx\n')])).toThrow(/COPY/);
    expect(() => read([whole.subarray(0, whole.length - 1)])).toThrow(/cut short/);
    expect(() => read([whole], 3)).toThrow(/3 fields, not an int4 and 3 texts/);
  });
});
