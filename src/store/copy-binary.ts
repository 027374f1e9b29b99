/**
 * Reading what `COPY … TO STDOUT (format binary)` writes: a signature, a header, then each row as
 * its field count and each field as its length in bytes (-1: null) and its bytes, then -1. Binary,
 * because its fields are not escaped: a text field's bytes are the value's UTF-8, as they are.
 * Read from the pieces as the server sent them (never joined into one: a buffer as large as a
 * scope's rows cost more to make than reading them), a row possibly split over two or more.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** A text field of a COPY row: its bytes, `bytes[start, end)`; `start` is -1 for SQL NULL. */
export interface CopyText {
  bytes: Buffer;
  start: number;
  end: number;
}

/**
 * Calls `each` with every row of a binary COPY of an int4 (not null) and `texts` text columns,
 * in the order written: the integer and the texts' bytes (valid during the call only).
 */
export function eachIntTextsRow(
  pieces: readonly Uint8Array[],
  texts: number,
  each: (int: number, fields: readonly CopyText[]) => void,
): void {
  const read = new PieceReader(pieces);
  const head = read.take(SIGNATURE.length + 8);
  if (!head.bytes.subarray(head.at, head.at + SIGNATURE.length).equals(SIGNATURE))
    throw new Error('not the output of COPY (format binary)');
  read.take(head.bytes.readUInt32BE(head.at + SIGNATURE.length + 4));
  const fields: CopyText[] = Array.from({ length: texts }, () => ({
    bytes: EMPTY,
    start: -1,
    end: -1,
  }));
  for (;;) {
    const row = read.take(2);
    const count = row.bytes.readInt16BE(row.at);
    if (count === -1) return;
    const int = read.take(8);
    if (count !== texts + 1 || int.bytes.readInt32BE(int.at) !== 4)
      throw new Error(`a COPY row of ${count} fields, not an int4 and ${texts} texts`);
    const number = int.bytes.readInt32BE(int.at + 4);
    for (const field of fields) {
      const size = read.take(4);
      const length = size.bytes.readInt32BE(size.at);
      if (length < 0) {
        field.start = field.end = -1;
        continue;
      }
      const text = read.take(length);
      field.bytes = text.bytes;
      field.start = text.at;
      field.end = text.at + length;
    }
    each(number, fields);
  }
}

const EMPTY = Buffer.alloc(0);

/** The pieces' bytes in order, taken a field at a time: in place, or gathered when split. */
class PieceReader {
  private piece = 0;
  private at = 0;
  private readonly buffers: Buffer[];

  constructor(pieces: readonly Uint8Array[]) {
    this.buffers = pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength));
  }

  take(length: number): { bytes: Buffer; at: number } {
    const current = this.buffers[this.piece];
    if (current && this.at + length <= current.length) {
      const at = this.at;
      this.at += length;
      return { bytes: current, at };
    }
    return { bytes: this.gather(length), at: 0 };
  }

  private gather(length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const current = this.buffers[this.piece];
      if (!current) throw new Error('a COPY cut short');
      const n = Math.min(length - filled, current.length - this.at);
      current.copy(out, filled, this.at, this.at + n);
      filled += n;
      this.at += n;
      if (this.at === current.length) {
        this.piece++;
        this.at = 0;
      }
    }
    return out;
  }
}
