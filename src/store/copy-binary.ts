/**
 * Reading what `COPY … TO STDOUT (format binary)` writes: a signature, a header, then each row as
 * its field count and each field as its length in bytes (-1: null) and its bytes, then -1. Binary,
 * because its fields are not escaped: a text field's bytes are the value's UTF-8, as they are.
 * Read from the pieces as the server sent them (never joined into one: a buffer as large as a
 * scope's rows cost more to make than reading them), a row possibly split over two or more.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Calls `each` with every row of a binary COPY of two columns, an int4 (not null) and a text
 * (not null), in the order written: the integer and the text's bytes, `bytes[start, end)` (valid
 * during the call only).
 */
export function eachIntTextRow(
  pieces: readonly Uint8Array[],
  each: (int: number, bytes: Buffer, start: number, end: number) => void,
): void {
  const read = new PieceReader(pieces);
  const head = read.take(SIGNATURE.length + 8);
  if (!head.bytes.subarray(head.at, head.at + SIGNATURE.length).equals(SIGNATURE))
    throw new Error('not the output of COPY (format binary)');
  read.take(head.bytes.readUInt32BE(head.at + SIGNATURE.length + 4));
  for (;;) {
    const row = read.take(2);
    const fields = row.bytes.readInt16BE(row.at);
    if (fields === -1) return;
    const int = read.take(12);
    if (fields !== 2 || int.bytes.readInt32BE(int.at) !== 4)
      throw new Error(`a COPY row of ${fields} fields, not an int4 and a text`);
    const length = int.bytes.readInt32BE(int.at + 8);
    if (length < 0) throw new Error('a null text in a COPY row');
    const number = int.bytes.readInt32BE(int.at + 4);
    const text = read.take(length);
    each(number, text.bytes, text.at, text.at + length);
  }
}

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
