import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `data` beside `file` and renames it into place, so a reader (another run) never sees
 * half of it. A failure leaves no file behind and is thrown: every cache treats it as a miss.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const aside = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(aside, data);
    renameSync(aside, file);
  } catch (error) {
    rmSync(aside, { force: true });
    throw error;
  }
}
