import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';

/**
 * The report's file, written a piece at a time beside its place and renamed into place once
 * whole: a failed run leaves no half page, and an earlier report stays until the new one is done.
 */
export class ReportFile {
  private done = false;

  private constructor(
    readonly file: string,
    private readonly aside: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opened before any work, so that a path that cannot be written is told at once: why, if so. */
  static async open(file: string): Promise<ReportFile | { problem: string }> {
    if ((await stat(file).catch(() => undefined))?.isDirectory())
      return { problem: `cannot write ${file}: it is a directory` };
    const aside = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      return new ReportFile(file, aside, await open(aside, 'wx'));
    } catch (cause) {
      return { problem: `cannot write ${file}: ${reason(cause)}` };
    }
  }

  /** Appends a piece of the page. */
  async write(piece: string): Promise<void> {
    await this.handle.writeFile(piece);
  }

  /** The page is whole: it takes its place. */
  async commit(): Promise<void> {
    await this.handle.close();
    await rename(this.aside, this.file);
    this.done = true;
  }

  /** Unless committed, the piece written so far goes. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.handle.close().catch(() => undefined);
    await rm(this.aside, { force: true });
  }
}

/** "no such file or directory", not "ENOENT: no such file or directory, open '…tmp'". */
function reason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}
