import pc from 'picocolors';

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
