import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { ADMIN, tenantFiles } from './support.js';

const SECRET = 's3cr3t-pass';
const postgres = storeTargets().find((t) => t.dialect === 'postgres');

/** Every command a pipeline runs with a --db URL, and the same URL through CCAC_DATABASE_URL. */
async function runAll(dir: string, url: string) {
  const commands = [
    ['plan', dir],
    ['plan', dir, '--format', 'json'],
    ['apply', dir, '--actor', ADMIN, '--auto-approve'],
    ['apply', dir, '--actor', 'nobody@acme.example', '--auto-approve'],
    ['history'],
    ['history', 'verify'],
    ['export', '--out', `${dir}/exported`],
  ];
  const results = [];
  // Sequential: the applies must not race each other on one store.
  for (const args of commands) results.push({ args, ...(await runCli([...args, '--db', url])) });
  const viaEnv = ['plan', dir];
  results.push({ args: viaEnv, ...(await runCli(viaEnv, { env: { CCAC_DATABASE_URL: url } })) });
  return results;
}

function expectNoSecret(results: Awaited<ReturnType<typeof runAll>>, secrets: string[]) {
  for (const r of results) {
    for (const secret of secrets) {
      expect(r.stdout, `${r.args.join(' ')} stdout`).not.toContain(secret);
      expect(r.stderr, `${r.args.join(' ')} stderr`).not.toContain(secret);
    }
  }
}

describe('database passwords never reach the output', () => {
  it('unreachable or malformed URLs', async () => {
    const urls = [
      `postgres://root:${SECRET}@127.0.0.1:1/x`,
      `postgresql://root@127.0.0.1:1/x?password=${SECRET}&sslmode=disable`,
      `postgres://root:${encodeURIComponent('s3cr3t/pa:ss@')}@127.0.0.1:1/x`,
      `postgres://root:${SECRET}@[::1/x`,
      `mysql://root:${SECRET}@127.0.0.1/x`,
    ];
    const dir = await tempDir(tenantFiles('acme'));
    const results = (await Promise.all(urls.map((url) => runAll(dir, url)))).flat();
    for (const r of results) expect(r.code, r.args.join(' ')).toBe(1);
    expectNoSecret(results, [SECRET, 's3cr3t/pa:ss@', encodeURIComponent('s3cr3t/pa:ss@')]);
  }, 180_000);

  it.skipIf(!postgres)(
    'reachable (trust auth ignores the password), and a missing database',
    async () => {
      const url = new URL(await postgres!.freshUrl());
      url.password = SECRET;
      const dir = await tempDir(tenantFiles('acme'));
      const results = await runAll(dir, url.toString());
      expect(results.find((r) => r.args[0] === 'apply')?.code).toBe(0);
      const missing = new URL(url);
      missing.pathname = '/ccac_no_such_database';
      const failed = await runAll(dir, missing.toString());
      for (const r of failed) expect(r.code).toBe(1);
      expect(failed[0]!.stderr).toContain('does not exist');
      expectNoSecret([...results, ...failed], [SECRET]);
    },
  );
});
