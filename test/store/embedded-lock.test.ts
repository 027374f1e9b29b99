import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/lock-file.js';
import { openStore, parseStoreUrl } from '../../src/store/open-store.js';
import { storeTargets } from '../helpers/databases.js';
import { killHard, spawnStoreChild } from './fixtures/spawn-child.js';

const pglite = storeTargets().find((t) => t.dialect === 'pglite')!;

function lockFileOf(url: string): string {
  const location = parseStoreUrl(url);
  if (location.dialect !== 'pglite') throw new Error('not pglite');
  return path.join(location.dir, LOCK_FILE);
}

/** A pid that surely belongs to no running process: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('the embedded database is used by one process at a time', () => {
  it('fails a second process at once, naming the holder pid', async () => {
    const url = await pglite.freshUrl();
    const store = await pglite.open(url);
    const child = spawnStoreChild('open', url);
    const result = await child.first;
    await child.exited;
    expect(result.code).toBe('STORE_BUSY');
    expect(result.message).toContain(`in use by ccac process ${process.pid}`);
    // Refused, not waited on: the open itself, not the child's start (seconds under CI's load).
    expect(result.ms).toBeLessThan(5_000);
    await store.close();
    // Released on close: the next process gets in.
    const again = spawnStoreChild('open', url);
    expect(await again.first).toEqual({ ok: true });
    // It closes the store after it answers: the directory is removed only once it has.
    await again.exited;
  });

  it('fails a second open in the same process too', async () => {
    const url = await pglite.freshUrl();
    await pglite.open(url);
    await expect(openStore(url)).rejects.toMatchObject({
      code: 'STORE_BUSY',
      message: expect.stringContaining(`process ${process.pid}`),
    });
  });

  it('tells the current holder from this process when another one holds it', async () => {
    const url = await pglite.freshUrl();
    const child = spawnStoreChild('hold', url);
    const { pid } = await child.first;
    try {
      await expect(openStore(url)).rejects.toMatchObject({
        code: 'STORE_BUSY',
        message: expect.stringContaining(`in use by ccac process ${String(pid)}`),
      });
    } finally {
      await killHard(child);
    }
    // The holder was killed: its lock is stale and recovered.
    const store = await pglite.open(url);
    expect(await store.listScopes()).toEqual([]);
  });

  it('recovers a lock left by a dead process', async () => {
    const url = await pglite.freshUrl();
    await (await pglite.open(url)).close();
    const file = lockFileOf(url);
    const stale = { pid: deadPid(), processStart: 1, hostname: hostname(), lockedAt: 'then' };
    await writeFile(file, JSON.stringify(stale));
    const store = await pglite.open(url);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.runIf(process.platform === 'linux')(
    'recovers a lock whose pid now belongs to another process',
    async () => {
      const url = await pglite.freshUrl();
      await (await pglite.open(url)).close();
      // Our parent is alive, but did not start at the recorded time: the pid was reused.
      const reused = { pid: process.ppid, processStart: 1, hostname: hostname(), lockedAt: 'then' };
      await writeFile(lockFileOf(url), JSON.stringify(reused));
      const store = await pglite.open(url);
      expect(await store.listScopes()).toEqual([]);
    },
  );
});
