import { describe, expect, it } from 'vitest';
import { CopyAnswer, PIECE_BYTES } from '../../src/store/pglite-copy-out.js';

/** A backend message: its type, its length (counting itself), its body. */
function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

/** What PostgreSQL answers to a COPY TO STDOUT whose rows are `data`, or to one that fails. */
function answer(data: readonly Buffer[], error?: string): Buffer {
  const ready = message('Z', Buffer.from('I'));
  if (error !== undefined) {
    const fields = Buffer.from(`SERROR\0C42703\0M${error}\0\0`, 'utf8');
    return Buffer.concat([message('E', fields), ready]);
  }
  return Buffer.concat([
    message('H', Buffer.from([1, 0, 2, 0, 1, 0, 1])),
    ...data.map((piece) => message('d', piece)),
    message('c'),
    message('C', Buffer.from('COPY 2\0')),
    ready,
  ]);
}

const copied = (chunks: readonly Uint8Array[]) => {
  const reader = new CopyAnswer();
  for (const chunk of chunks) reader.read(chunk);
  return Buffer.concat(reader.copied());
};

describe('the answer to COPY TO STDOUT, read from PGlite', () => {
  const data = [
    Buffer.from('PGCOPY\n\xff\r\n\0head', 'latin1'),
    Buffer.from('rôw 1'),
    Buffer.alloc(0),
  ];
  const whole = answer(data);

  it("is the CopyData messages' bodies, however the bytes come", () => {
    expect(copied([whole])).toEqual(Buffer.concat(data));
    for (let at = 1; at < whole.length; at++)
      expect(copied([whole.subarray(0, at), whole.subarray(at)])).toEqual(Buffer.concat(data));
    expect(copied([...whole].map((byte) => Uint8Array.of(byte)))).toEqual(Buffer.concat(data));
  });

  it('is gathered into pieces of their own memory, past a piece of PIECE_BYTES', () => {
    const rows = Array.from({ length: 3 }, (_, i) => Buffer.alloc(PIECE_BYTES / 2 + 7, i + 1));
    const reader = new CopyAnswer();
    reader.read(answer(rows));
    const pieces = reader.copied();
    expect(pieces).toHaveLength(2);
    expect(new Set(pieces.map((piece) => piece.buffer)).size).toBe(2);
    expect(Buffer.concat(pieces).equals(Buffer.concat(rows))).toBe(true);
  });

  it("throws the server's error, with its message and code", () => {
    const failed = answer([], 'column "nosuch" does not exist');
    expect(() => copied([failed.subarray(0, 9), failed.subarray(9)])).toThrow(
      expect.objectContaining({ message: 'column "nosuch" does not exist', code: '42703' }),
    );
  });

  it('refuses an answer cut short', () => {
    expect(() => copied([whole.subarray(0, whole.length - 3)])).toThrow(/cut short/);
  });
});
