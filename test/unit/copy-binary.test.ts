import { describe, expect, it } from 'vitest';
import { eachIntTextRow } from '../../src/store/copy-binary.js';

/** A binary COPY of (int4, text) rows, as PostgreSQL writes it. */
function copyOf(rows: readonly [number, string][]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const [int, text] of rows) {
    const bytes = Buffer.from(text, 'utf8');
    const head = Buffer.alloc(14);
    head.writeInt16BE(2, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(int, 6);
    head.writeInt32BE(bytes.length, 10);
    parts.push(head, bytes);
  }
  const end = Buffer.alloc(2);
  end.writeInt16BE(-1, 0);
  return Buffer.concat([...parts, end]);
}

const read = (pieces: Uint8Array[]) => {
  const rows: [number, string][] = [];
  eachIntTextRow(pieces, (int, bytes, start, end) =>
    rows.push([int, bytes.toString('utf8', start, end)]),
  );
  return rows;
};

describe('eachIntTextRow', () => {
  const rows: [number, string][] = [
    [1, '"a",["b"]'],
    [1, 'tëam "one"\u{1f600}'],
    [2, ''],
    [2_147_483_647, 'x'.repeat(300)],
  ];
  const whole = copyOf(rows);

  it('reads every row of one piece', () => {
    expect(read([whole])).toEqual(rows);
  });

  it('reads rows split over pieces anywhere, however small', () => {
    for (let at = 1; at < whole.length; at++)
      expect(read([whole.subarray(0, at), whole.subarray(at)])).toEqual(rows);
    const bytes = [...whole].map((byte) => Uint8Array.of(byte));
    expect(read(bytes)).toEqual(rows);
  });

  it('refuses what is not a binary COPY of an int4 and a text, or is cut short', () => {
    expect(() => read([Buffer.from('1\tx\n')])).toThrow(/COPY/);
    expect(() => read([whole.subarray(0, whole.length - 1)])).toThrow(/cut short/);
    const three = Buffer.from(whole);
    three.writeInt16BE(3, 19);
    expect(() => read([three])).toThrow(/3 fields/);
  });
});
