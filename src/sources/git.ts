import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The commit checked out in `cwd`, or null outside a git checkout (or without git). */
export async function currentGitCommit(cwd = process.cwd()): Promise<string | null> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--verify', 'HEAD'], { cwd });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
