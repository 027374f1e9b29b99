import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCK_FILE } from '../../src/store/lock-file.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * A `ccac.lock` that no ccac process wrote (left in a shared data folder, or planted) is stale:
 * the next run recovers it and works, rather than finding the embedded database locked for good.
 * Through the built CLI, each run bounded: a lock read that hangs is killed and fails the test.
 */

const pglite = storeTargets().find((t) => t.dialect === 'pglite')!;
const LIMIT_MS = 60_000;

const holder = (fields: Record<string, unknown>) => async (file: string) =>
  writeFile(
    file,
    JSON.stringify({ pid: 1, processStart: 1, hostname: hostname(), lockedAt: 'then', ...fields }),
  );

const CASES: [string, (file: string) => Promise<unknown>][] = [
  // 0 signals the caller's process group and -1 every process: both always "alive".
  ['pid 0', holder({ pid: 0 })],
  ['pid -1', holder({ pid: -1 })],
  ['pid 1.5', holder({ pid: 1.5 })],
  ['pid as text', holder({ pid: '1' })],
  ['a host name with terminal escapes', holder({ hostname: '\u001b]0;owned\u0007' })],
  [
    'a folder',
    async (file) => {
      await mkdir(file);
      await writeFile(path.join(file, 'inside'), 'x');
    },
  ],
  ['a link to /dev/zero', (file) => symlink('/dev/zero', file)],
  ['a FIFO', async (file) => execFileSync('mkfifo', [file])],
];

describe('a crafted embedded database lock', () => {
  test.runIf(process.platform === 'linux').each(CASES)(
    '%s: recovered as stale, the run works',
    async (_name, craft) => {
      const url = await pglite.freshUrl();
      const file = path.join(url.slice('pglite:'.length), LOCK_FILE);
      await craft(file);
      const result = await runCli(['history', '--db', url], { limitMs: LIMIT_MS });
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // Released by the run: the next one needs no recovery.
      await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );
});
