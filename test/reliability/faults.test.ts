import { execFileSync } from 'node:child_process';
import { cp, mkdir, open, rm, truncate } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ADMIN, dumpStore, manyTeams, pgQuery, startCli, tenantFiles, waitFor } from './support.js';

const targets = storeTargets();
const postgres = targets.find((t) => t.dialect === 'postgres');
const pglite = targets.find((t) => t.dialect === 'pglite')!;

const apply = (dir: string, url: string) =>
  runCli(['apply', dir, '--actor', ADMIN, '--auto-approve', '--db', url]);

/** Exit 1 with a STORE diagnostic saying `what`; no stack trace, no "internal error". */
function expectStoreError(result: CliResult, what: RegExp) {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toMatch(/error STORE/);
  expect(result.stderr).toMatch(what);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
}

async function seeded(url: string) {
  expect((await apply(await tempDir(tenantFiles('acme', manyTeams(5))), url)).code).toBe(0);
  return tempDir(tenantFiles('acme', manyTeams(500, 'v2')));
}

describe.skipIf(!postgres)('database faults on PostgreSQL', () => {
  it('a connection terminated mid-apply: STORE error, exit 1, nothing written', async () => {
    const url = await postgres!.freshUrl();
    const change = await seeded(url);
    const before = await dumpStore(url);
    // Park the apply inside its transaction (it waits for the scope counter row), then cut it off.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query(`select * from scopes where scope = 'acme' for update`);
    const run = startCli(['apply', change, '--actor', ADMIN, '--auto-approve', '--db', url]);
    const backend = await waitFor('the apply to wait in its transaction', async () => {
      const [row] = await pgQuery<{ pid: number }>(
        url,
        `select pid from pg_stat_activity
          where datname = current_database() and application_name like 'ccac run=%'
            and wait_event_type = 'Lock'`,
      );
      return row;
    });
    await pgQuery(url, 'select pg_terminate_backend($1)', [backend.pid]);
    const exit = await run.done;
    await blocker.query('rollback');
    await blocker.end();
    expectStoreError(
      { code: exit.code ?? -1, stdout: run.stdout(), stderr: run.stderr() },
      /terminat|connection/i,
    );
    expect(await dumpStore(url)).toBe(before);
  });

  it('an unreachable server: clear error, exit 1', async () => {
    const result = await apply(await tempDir(tenantFiles('acme')), 'postgres://root@127.0.0.1:1/x');
    expectStoreError(result, /cannot connect to PostgreSQL at postgres:\/\/root@127\.0\.0\.1:1\/x/);
  });
});

/** Runs `mount`; false when this machine does not allow it (no root, no CAP_SYS_ADMIN). */
function tryMount(args: string[]): boolean {
  try {
    execFileSync('mount', args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a PGlite directory that cannot be written', () => {
  it('a file where the directory should be: clear error', async () => {
    const dir = await tempDir({ 'a-file': 'not a directory', ...tenantFiles('acme') });
    const result = await apply(dir, `pglite:${path.join(dir, 'a-file', 'state')}`);
    expectStoreError(result, /cannot use .*a-file\/state for the embedded database: ENOTDIR/);
  });

  // Root ignores file permissions, so a read-only or full file system is a tmpfs mount.
  const mountDir = path.join(process.env.TMPDIR ?? '/tmp', `ccac-mount-probe-${process.pid}`);
  const canMount = (() => {
    try {
      execFileSync('mkdir', ['-p', mountDir]);
      const ok = tryMount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountDir]);
      if (ok) execFileSync('umount', [mountDir]);
      execFileSync('rmdir', [mountDir]);
      return ok;
    } catch {
      return false;
    }
  })();
  if (!canMount) console.log('mount is not allowed here: read-only and full-disk cases skipped');

  async function mountedStore(sizeMb: number) {
    const dir = await tempDir();
    const mnt = path.join(dir, 'mnt');
    await mkdir(mnt);
    expect(tryMount(['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mnt])).toBe(true);
    const template = (await pglite.freshUrl()).slice('pglite:'.length);
    await cp(template, path.join(mnt, 'state'), { recursive: true });
    const url = `pglite:${path.join(mnt, 'state')}`;
    const change = await seeded(url);
    return { mnt, url, change, before: await dumpStore(url) };
  }

  it.skipIf(!canMount)('read-only: clear error, nothing written', async () => {
    const { mnt, url, change, before } = await mountedStore(128);
    try {
      expect(tryMount(['-o', 'remount,ro', mnt])).toBe(true);
      expectStoreError(await apply(change, url), /read-only file system/);
      expect(tryMount(['-o', 'remount,rw', mnt])).toBe(true);
      expect(await dumpStore(url)).toBe(before);
    } finally {
      execFileSync('umount', ['-l', mnt]);
    }
  });

  it.skipIf(!canMount)('full disk: clear error, nothing written', async () => {
    const { mnt, url, change, before } = await mountedStore(128);
    try {
      const filler = path.join(mnt, 'filler');
      const handle = await open(filler, 'w');
      const block = Buffer.alloc(1 << 16);
      try {
        for (;;) await handle.write(block);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        await handle.close();
      }
      // Room for the lock file, not for 500 rows of changes.
      const size = (await import('node:fs')).statSync(filler).size;
      await truncate(filler, size - 16 * 1024);
      expectStoreError(await apply(change, url), /No space left on device/);
      await rm(filler);
      expect(await dumpStore(url)).toBe(before);
    } finally {
      execFileSync('umount', ['-l', mnt]);
    }
  });
});
