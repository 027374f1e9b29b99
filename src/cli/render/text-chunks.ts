/** Pieces of about this many characters reach the writer: few writes, no giant string. */
const CHUNK_CHARS = 64 * 1024;

export interface ChunkedWriter {
  add(text: string): void;
  /** Hands over what is left. */
  end(): void;
}

/**
 * Gathers small texts into pieces for `write`. A piece is joined from short strings and passed on
 * while young: a long output never exists as one string, and garbage collection never has to
 * copy what is already written.
 */
export function chunkedWriter(write: (text: string) => void): ChunkedWriter {
  let pending = '';
  return {
    add(text) {
      pending += text;
      if (pending.length >= CHUNK_CHARS) {
        write(pending);
        pending = '';
      }
    },
    end() {
      if (pending !== '') write(pending);
      pending = '';
    },
  };
}
