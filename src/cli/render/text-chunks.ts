/** Pieces of about this many characters reach the writer: few writes, no giant string. */
const CHUNK_CHARS = 64 * 1024;

export interface ChunkedWriter {
  add(text: string): void;
  /** Hands over what is left. */
  end(): void;
}

/**
 * Gathers small texts into pieces for `write`. A piece is joined from short strings (one flat
 * string, not a rope of `+=`) and passed on while young: a long output never exists as one string,
 * and garbage collection never has to copy what is already written.
 */
export function chunkedWriter(write: (text: string) => void): ChunkedWriter {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    add(text) {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK_CHARS) flush();
    },
    end: flush,
  };
}
