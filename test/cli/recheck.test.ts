import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** A temporary directory holding the examples (the broken ones left out) as `config/`. */
async function examplesWorkspace(): Promise<{ dir: string; config: string }> {
  const dir = await tempDir();
  const config = path.join(dir, 'config');
  await cp(EXAMPLES, config, { recursive: true, filter: (s) => path.basename(s) !== 'broken' });
  return { dir, config };
}

/**
 * A change confined to some tenants is checked again for them alone (load-desired.ts, with
 * workspace/recheck-scopes.ts). Every step of an editing session must print what a check of the
 * whole configuration without any cache prints.
 */
describe('checking again only the tenants a change touches', () => {
  test('edits, errors, moves, duplicates and deletions agree with a full check', async () => {
    const { dir, config } = await examplesWorkspace();
    const cache = path.join(dir, 'cache');
    const validate = async () => {
      const args = ['validate', 'config', '--format', 'json'];
      const cached = await runCli(args, {
        cwd: dir,
        env: { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1' },
      });
      const full = await runCli(args, { cwd: dir, env: { CCAC_CACHE: 'off' } });
      expect(cached.stdout).toBe(full.stdout);
      expect(cached.code).toBe(full.code);
      return cached.stderr;
    };
    const file = (name: string) => path.join(config, name);
    const edit = async (name: string, from: string, to: string) => {
      const text = await readFile(file(name), 'utf8');
      expect(text).toContain(from);
      await writeFile(file(name), text.replace(from, to));
    };
    const recheckedOnly = /checked alnoor-bank again for \d+ changed files/;

    expect(await validate()).not.toMatch(/again/);
    await edit(
      'alnoor-bank/queues.yaml',
      'serviceLevelThresholdSeconds: 20',
      'serviceLevelThresholdSeconds: 25',
    );
    expect(await validate()).toMatch(recheckedOnly);
    // A reference to nothing, then a user from an organization nobody declared.
    await edit(
      'alnoor-bank/queues.yaml',
      'teams: [Retail_Banking]',
      'teams: [Retail_Banking, Nowhere]',
    );
    expect(await validate()).toMatch(recheckedOnly);
    await edit(
      'alnoor-bank/users.yaml',
      'adminRoles: [read-only-admin]',
      'adminRoles: [read-only-admin]\n  organization: nobody-org',
    );
    expect(await validate()).toMatch(recheckedOnly);
    // A team declared twice, in a new file, then the original removed with its file's others.
    const teams = await readFile(file('alnoor-bank/teams.yaml'), 'utf8');
    await writeFile(file('alnoor-bank/more-teams.yaml'), teams);
    expect(await validate()).toMatch(recheckedOnly);
    await rm(file('alnoor-bank/teams.yaml'));
    expect(await validate()).toMatch(recheckedOnly);
    // Both tenants at once.
    await edit('vandijk-retail/queues.yaml', 'apiVersion', '# edited\napiVersion');
    await edit('alnoor-bank/queues.yaml', 'Nowhere', 'Elsewhere');
    expect(await validate()).toMatch(
      /checked alnoor-bank, vandijk-retail again for 2 changed files/,
    );
    // Another tenant's flow definition, gone behind a recheck's back: the kept check is not used.
    await rm(file('vandijk-retail/flows/customer-service-routing.json'));
    expect(await validate()).not.toMatch(/again|no file changed/);
    // Entry points and organizations reach past one tenant: checked in full.
    await edit('alnoor-bank/entry-points.yaml', 'apiVersion', '# edited\napiVersion');
    expect(await validate()).not.toMatch(/again/);
    await edit('organizations.yaml', 'apiVersion', '# edited\napiVersion');
    expect(await validate()).not.toMatch(/again/);
    // Broken YAML is checked in full, and so is its fix.
    await edit('alnoor-bank/queues.yaml', 'kind: Queue', 'kind: [Queue');
    expect(await validate()).not.toMatch(/again/);
    await edit('alnoor-bank/queues.yaml', 'kind: [Queue', 'kind: Queue');
    expect(await validate()).not.toMatch(/again/);
    expect(await validate()).toMatch(/no file changed since the last check/);
  }, 300_000);
});

describe('a configuration unchanged since its last check', () => {
  test('is applied with the findings that check kept, as a full check finds them', async () => {
    const { dir, config } = await examplesWorkspace();
    // vpop telephony: two errors (extension login needs Webex Calling) and a warning.
    const tenantFile = path.join(config, 'vandijk-retail/tenant.yaml');
    const tenant = await readFile(tenantFile, 'utf8');
    expect(tenant).toContain('telephony: webex-calling');
    await writeFile(tenantFile, tenant.replace('telephony: webex-calling', 'telephony: vpop'));
    const cache = { CCAC_CACHE_DIR: path.join(dir, 'cache'), CCAC_DEBUG: '1' };
    expect((await runCli(['validate', 'config'], { cwd: dir, env: cache })).code).toBe(1);

    const apply = (env: Record<string, string>) =>
      runCli(
        [
          'apply',
          'config',
          '--db',
          `pglite:${path.join(dir, 'state')}`,
          '--actor',
          'pieter.laan@northwind-partners.example',
          '--auto-approve',
        ],
        { cwd: dir, env },
      );
    const kept = await apply(cache);
    expect(kept.stderr).toMatch(/no file changed since the last check/);
    const full = await apply({ CCAC_CACHE: 'off' });
    expect(kept.code).toBe(1);
    expect(full.code).toBe(1);
    expect(kept.stdout).toBe(full.stdout);
    expect(kept.stdout).toMatch(/STATION_EXTENSION_TELEPHONY[\s\S]*TENANT_VPOP_DEPRECATED/);
  }, 120_000);
});

describe('a check made by an apply', () => {
  test('is kept for the next run, as a plan keeps its own', async () => {
    const { dir } = await examplesWorkspace();
    const env = { CCAC_CACHE_DIR: path.join(dir, 'cache'), CCAC_DEBUG: '1' };
    const db = ['--db', `pglite:${path.join(dir, 'state')}`];
    const actor = ['--actor', 'pieter.laan@northwind-partners.example'];
    const applied = await runCli(['apply', 'config', ...db, ...actor, '--auto-approve'], {
      cwd: dir,
      env,
    });
    expect(applied.code).toBe(0);
    expect(applied.stderr).not.toMatch(/no file changed since the last check/);
    const planned = await runCli(['plan', 'config', ...db, '--detailed-exitcode'], {
      cwd: dir,
      env,
    });
    expect(planned.stderr).toMatch(/no file changed since the last check/);
    expect(planned.code).toBe(0);
  }, 120_000);
});

/**
 * A change reaching most tenants (a pipeline's edit of every tenant's users) is checked in full:
 * a recheck would load and check nearly everything, and a plan needing the whole model would
 * load it all again (workspace/recheck-scopes.ts, recheckTooWide).
 */
describe('a change touching most tenants', () => {
  test('is checked in full, one touching few is checked again for them alone', async () => {
    const dir = await tempDir();
    const config = path.join(dir, 'config');
    await generate(config, 6_000);
    const cache = path.join(dir, 'cache');
    const validate = async () => {
      const args = ['validate', config, '--format', 'json'];
      const env = { CCAC_CACHE_DIR: cache, CCAC_DEBUG: '1', CCAC_PARSE_THREADS: '1' };
      const cached = await runCli(args, { env });
      const full = await runCli(args, { env: { CCAC_CACHE: 'off', CCAC_PARSE_THREADS: '1' } });
      expect(cached.stdout).toBe(full.stdout);
      return cached.stderr;
    };
    const touch = async (tenants: number[]) => {
      for (const t of tenants) {
        const file = path.join(config, `tenant-00${t}`, 'teams.yaml');
        await writeFile(file, `# edited\n${await readFile(file, 'utf8')}`);
      }
    };
    expect(await validate()).not.toMatch(/again|in full/);
    await touch([1]);
    expect(await validate()).toMatch(/checked tenant-001 again for 1 changed files/);
    await touch([0, 1, 2, 3]);
    const wide = await validate();
    expect(wide).toMatch(/4 of 6 tenants changed: checked in full/);
    expect(wide).not.toMatch(/again/);
    expect(await validate()).toMatch(/no file changed since the last check/);
  }, 300_000);
});
