import pc from 'picocolors';

/*
 * What a command gives back to whoever ran it: what it writes (stdout and stderr, which tests give
 * their own; one notion of colour; long outputs handed over in pieces) and the code it exits with.
 */

/** Where commands write; tests and renderers share one notion of colour. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

export function processOutput(): Output {
  return {
    out: writerTo(process.stdout),
    err: writerTo(process.stderr),
    color: pc.isColorSupported && process.stdout.isTTY === true,
  };
}

/**
 * Writes to `stream` until its reader goes away (`ccac validate … | head -1`: EPIPE), then drops
 * what follows, as a command whose output nobody reads has nothing more to show. The command still
 * runs to its end and exits with its own code: an apply is not cut off mid-way by a closed pipe.
 * Without a listener, Node would turn the EPIPE into an "Unhandled 'error' event" and a stack.
 */
function writerTo(stream: NodeJS.WritableStream): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // After the EPIPE, a direct write (debug, progress) can only fail the same way: no news.
    if (error.code !== 'EPIPE' && open) throw error;
    open = false;
  });
  return (text) => {
    if (open) stream.write(text);
  };
}

export type Paint = ReturnType<typeof pc.createColors>;

export function paint(color: boolean): Paint {
  return pc.createColors(color);
}

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

/** SPEC §4: the one place that decides how ccac exits. */
export const EXIT = {
  ok: 0,
  error: 1,
  changes: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export function exitCodeFor(outcome: {
  errors: boolean;
  changes?: boolean;
  detailed?: boolean;
}): ExitCode {
  if (outcome.errors) return EXIT.error;
  if (outcome.changes && outcome.detailed) return EXIT.changes;
  return EXIT.ok;
}
