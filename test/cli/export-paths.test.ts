import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliWorkspace, examplesAppliedUrl } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * `export --out DIR` writes inside DIR and nowhere else, whatever the store holds (a tenant name
 * put there by SQL, as an attacker with the database would) and whatever DIR holds (links a
 * checkout carries, a FIFO where the manifest belongs). Each run is bounded: a hang fails.
 */
const LIMIT_MS = 60_000;

describe.each(storeTargets())('export stays inside --out on $dialect', (target) => {
  test('a stored tenant name that climbs out of --out: refused, nothing written anywhere', async () => {
    const ws = await cliWorkspace(target, { applied: true });
    // From DIR/exports/out, this name would be DIR/escaped.
    const hostile = '../../escaped';
    const store = await openStore(ws.url, { cwd: ws.dir });
    try {
      await store.db.query(
        `update resources set scope = $1, tenant = case when tenant is null then null else $1 end,
                name = case when kind = 'Tenant' then $1 else name end
          where scope = 'vandijk-retail'`,
        [hostile],
      );
    } finally {
      await store.close();
    }
    const out = path.join(ws.dir, 'exports/out');
    const result = await ws.run(['export', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`tenant name "${hostile}" cannot be a folder name`);
    expect(existsSync(path.join(ws.dir, 'escaped'))).toBe(false);
    expect(existsSync(out) ? await readdir(out) : []).toEqual([]);

    // Without --out, the stream names its files as comments: refused just the same.
    const stream = await ws.run(['export', '--tenant', hostile]);
    expect(stream.code).toBe(1);
    expect(stream.stdout).toBe('');
  });

  test('a tenant folder in --out that is a link, and a linked manifest: nothing written through them', async () => {
    const db = await examplesAppliedUrl(target);
    const dir = await tempDir({ 'victim/keep.txt': 'mine\n', 'victim-file': 'mine\n' });
    const out = path.join(dir, 'out');
    await mkdir(out);
    await symlink('../victim', path.join(out, 'alnoor-bank'));
    const refused = await runCli(['export', '--db', db, '--out', out], { limitMs: LIMIT_MS });
    expect(refused.timedOut).toBe(false);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/alnoor-bank is a link: export writes only into real folders/);
    expect(await readdir(path.join(dir, 'victim'))).toEqual(['keep.txt']);

    // The folder moved away; the manifest a link to a file of the user's: replaced, not written through.
    await rm(path.join(out, 'alnoor-bank'));
    await symlink('../victim-file', path.join(out, '.ccac-export.json'));
    const exported = await runCli(['export', '--db', db, '--out', out], { limitMs: LIMIT_MS });
    expect(exported.stderr).toMatch(/^Exported \d+ file\(s\)/);
    expect(exported.code).toBe(0);
    expect(await readFile(path.join(dir, 'victim-file'), 'utf8')).toBe('mine\n');
    const manifest = JSON.parse(await readFile(path.join(out, '.ccac-export.json'), 'utf8')) as {
      files: string[];
    };
    expect(manifest.files).toContain('alnoor-bank/tenant.yaml');
  });

  test.runIf(process.platform !== 'win32')(
    'a FIFO where the manifest belongs is no manifest: never waited on',
    async () => {
      const db = await examplesAppliedUrl(target);
      const out = await tempDir();
      execFileSync('mkfifo', [path.join(out, '.ccac-export.json')]);
      const result = await runCli(['export', '--db', db, '--out', out], { limitMs: LIMIT_MS });
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(0);
      expect(await readdir(out)).toContain('organizations.yaml');
    },
  );
});
