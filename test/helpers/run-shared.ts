import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

const WAIT_MS = 600_000;

/**
 * A directory built once per test run and shared by every worker: the first worker to ask
 * builds it (`build` fills the empty directory it is given), the others wait for it. Callers
 * copy from it, never change it. It lives in the run's directory, removed after the run.
 *
 * A builder that dies mid-build (its worker ended) is noticed, and another worker builds instead;
 * a build that throws is reported to every waiter.
 */
export async function runShared(
  name: string,
  build: (dir: string) => Promise<void>,
): Promise<string> {
  const runDir = inject('ccacRunDir');
  const done = path.join(runDir, name);
  const lock = `${done}.lock`;
  const failed = `${done}.failed`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (existsSync(done)) return done;
    if (existsSync(failed))
      throw new Error(`${name} could not be built: ${await readFile(failed, 'utf8')}`);
    if (await takeLock(lock)) {
      if (!existsSync(done)) break;
      // Another worker finished between the check above and taking its released lock.
      await rm(lock, { recursive: true, force: true });
      return done;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${name} to be built`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const building = `${done}.${process.pid}`;
  try {
    await rm(building, { recursive: true, force: true });
    await mkdir(building, { recursive: true });
    await build(building);
    await rename(building, done);
    return done;
  } catch (error) {
    await writeFile(
      failed,
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    throw error;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Takes the build lock: a directory holding the builder's pid; a dead builder's lock is taken over. */
async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const pid = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
  if (pid > 0 && !isAlive(pid)) await rm(lock, { recursive: true, force: true });
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
