import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Writes `data` beside `file` and renames it into place, so a reader (another run) never sees
 * half of it. A failure leaves no file behind and is thrown: every cache treats it as a miss.
 * The file aside has a name nobody can guess and is made anew ('wx'): a link planted where it
 * would be (the cache folder may come from a checkout) is never followed.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const aside = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    writeFileSync(aside, data, { flag: 'wx' });
    renameSync(aside, file);
  } catch (error) {
    rmSync(aside, { force: true });
    throw error;
  }
}
