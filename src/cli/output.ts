import pc from 'picocolors';

/** Where commands write; tests and renderers share one notion of colour. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

export function processOutput(): Output {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: pc.isColorSupported && process.stdout.isTTY === true,
  };
}

export type Paint = ReturnType<typeof pc.createColors>;

export function paint(color: boolean): Paint {
  return pc.createColors(color);
}
