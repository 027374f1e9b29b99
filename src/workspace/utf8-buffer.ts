/**
 * Texts (and bytes) laid end to end as UTF-8 in one buffer that grows as needed: encoding each
 * text straight in is one pass, where measuring it first (Buffer.byteLength) would be two.
 */
export class Utf8Buffer {
  private buffer: Uint8Array<ArrayBuffer>;
  private readonly encoder = new TextEncoder();
  /** Bytes written so far: where the next piece starts. */
  length = 0;

  /** `sizeHint`: the expected total, in characters (exact for ASCII). */
  constructor(sizeHint: number) {
    this.buffer = new Uint8Array(Math.max(sizeHint, 64));
  }

  /** Appends a piece; returns its size in bytes. */
  put(piece: string | Uint8Array): number {
    if (typeof piece !== 'string') {
      this.reserve(piece.byteLength);
      this.buffer.set(piece, this.length);
      this.length += piece.byteLength;
      return piece.byteLength;
    }
    for (;;) {
      const { read, written } = this.encoder.encodeInto(piece, this.buffer.subarray(this.length));
      if (read === piece.length) {
        this.length += written;
        return written;
      }
      this.reserve(piece.length * 3); // past ASCII: up to three bytes a character
    }
  }

  /**
   * The bytes written: a view of the buffer itself, not a copy. Its ArrayBuffer, spare room and
   * all, is what a thread transfers; a copy would cost fresh pages here and outlive the answer.
   */
  bytes(): Uint8Array<ArrayBuffer> {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}
