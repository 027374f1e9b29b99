import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { importWebexArgs } from '../helpers/import-webex-args.js';
import { unmappedFields } from '../../src/import/unmapped-fields.js';
import { resolveConnection } from '../../src/webex/client/connection.js';
import { createWebexClient } from '../../src/webex/client/webex-client.js';
import { importLive } from '../../src/webex/reconcile/import-live.js';
import { readLive } from '../../src/webex/reconcile/read-live.js';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { startWebexSimulator, type WebexSimulator } from '../webex-sim/index.js';
import { seedRealisticOrg } from '../webex-sim/realistic-org.js';

const ORG = '3c1f7a52-6d0e-4b8e-9a31-2f5b7c9d0e14';
let sim: WebexSimulator;
let env: Record<string, string>;
beforeEach(async () => {
  sim = await startWebexSimulator({ orgs: [ORG] });
  seedRealisticOrg(sim.org(ORG), 300);
  env = {
    CCAC_WEBEX_BASE_URL: sim.ccUrl,
    CCAC_WEBEX_HUB_URL: sim.hubUrl,
    CCAC_WEBEX_TOKEN: sim.token,
  };
});
afterEach(() => sim.close());

const importArgs = (out: string, more: string[] = []) => importWebexArgs(ORG, out, more);

/** What the report must list: every note of the import and every field ccac does not read. */
async function expectedLines() {
  const resolved = resolveConnection('acme', { orgId: ORG, region: 'eu1' }, env);
  if (resolved.status !== 'connected') throw new Error('not connected');
  const live = await readLive(createWebexClient(resolved.connection), { flowDefinitions: true });
  if (!live.ok) throw new Error(live.failure.message);
  const { notes } = importLive(live.value, { tenant: 'acme', tenantTimezone: 'Europe/Amsterdam' });
  return [...notes, ...unmappedFields(live.value)];
}

test('a realistic org: YAML in export’s layout that validates, every unmapped field in the report', async () => {
  const dir = await tempDir();
  const out = path.join(dir, 'config');
  const result = await runCli(importArgs(out), { env });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(
    /^Imported acme from Webex organization .*: \d+ resource\(s\) \(1 Tenant, 271 User, /m,
  );
  expect(result.stderr).toContain(`Import report (${out}/acme/import-report.md)`);
  expect(result.stderr).toMatch(/^\d+ call\(s\) to Webex\.$/m);

  const tenant = await readFile(path.join(out, 'acme/tenant.yaml'), 'utf8');
  expect(tenant).toContain(`webex:\n    orgId: ${ORG}\n    region: eu1\n`);
  expect(tenant).toContain('timezone: Europe/Amsterdam');
  expect(tenant).toMatch(/licenses:\n {4}standard: 1000\n {4}premium: 1000\n/);
  expect(existsSync(path.join(out, 'acme/users.yaml'))).toBe(true);

  const report = await readFile(path.join(out, 'acme/import-report.md'), 'utf8');
  const rows = report.split('\n').filter((line) => line.startsWith('| '));
  for (const line of await expectedLines()) {
    const cells = [line.entity, line.name, line.field ?? ''].map((c) => c.replace(/[_|]/g, '\\$&'));
    expect(
      rows.some((row) => row.startsWith(`| ${cells.join(' | ')} |`)),
      JSON.stringify(line),
    ).toBe(true);
  }
  expect(report).toContain('| entry-point | Support Line |  | an entry point name is letters');
  expect(report).toContain('a second Team of this name');
  expect(report).toContain('| site | 1 site |');
  expect(report).toContain(
    '| entry-point | Outdial Transfer to Queue | serviceLevelThresholdSeconds | Webex’s own setting',
  );
  expect(report).toMatch(
    /\| entry-point \| \d+ of 4 \| maximumActiveContacts \| not managed by ccac/,
  );
  expect(report).toMatch(
    /\| countryOfOperation \| not readable from Webex: guessed from the region eu1/,
  );

  const validate = await runCli(['validate', out]);
  expect(validate.code, validate.stdout + validate.stderr).toBe(0);
});

test('exit codes: bad arguments, no token, an org that cannot be read: exit 1, nothing written', async () => {
  const dir = await tempDir();
  const out = path.join(dir, 'config');
  const region = await runCli(
    ['import', 'webex', '--tenant', 'acme', '--org', ORG, '--region', 'mars', '--out', out],
    { env },
  );
  expect(region.code).toBe(1);
  expect(region.stderr).toContain('--region "mars" is not a region');
  const token = await runCli(importArgs(out), { env: { ...env, CCAC_WEBEX_TOKEN: '' } });
  expect(token.code).toBe(1);
  expect(token.stderr).toContain('no Webex token for tenant acme');
  const denied = await runCli(importArgs(out), { env: { ...env, CCAC_WEBEX_TOKEN: 'wrong' } });
  expect(denied.code).toBe(1);
  expect(denied.stderr).toMatch(/nothing imported: reading Webex organization .* failed/);
  expect(existsSync(out)).toBe(false);
});

test('re-import diff: the YAML in git against a fresh import shows what changed in Control Hub', async () => {
  const dir = await tempDir();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  expect((await runCli(importArgs(path.join(dir, 'config')), { env })).code).toBe(0);
  // The admin corrects a guess: the re-import keeps it (--keep-from), so it is no difference.
  const tenantFile = path.join(dir, 'config/acme/tenant.yaml');
  const tenantText = await readFile(tenantFile, 'utf8');
  expect(tenantText).toContain('countryOfOperation: GB\n');
  await writeFile(
    tenantFile,
    tenantText.replace('countryOfOperation: GB', 'countryOfOperation: NL'),
  );
  git('init', '-q');
  git('add', '.');
  git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'imported');

  const scratch = path.join(dir, 'scratch');
  const keep = ['--keep-from', 'config'];
  const fresh = await runCli(importArgs(scratch, keep), { env, cwd: dir });
  expect(fresh.code, fresh.stderr).toBe(0);
  const same = await runCli(
    ['diff', 'git:HEAD:config/acme', 'scratch/acme', '--detailed-exitcode'],
    { cwd: dir },
  );
  expect(same.stdout + same.stderr).toContain('No differences');
  expect(same.code).toBe(0);

  const org = sim.org(ORG);
  const voice = org.byName('entryPoints', 'Sales_Voice')!;
  org.edit('entryPoints', voice.id ?? '', { serviceLevelThreshold: 45 });
  org.addPerson({
    email: 'new.agent@acme.example',
    displayName: 'New Agent',
    licenses: ['Webex Contact Center'],
  });
  expect((await runCli(importArgs(scratch, keep), { env, cwd: dir })).code).toBe(0);
  const changed = await runCli(
    ['diff', 'git:HEAD:config/acme', 'scratch/acme', '--detailed-exitcode', '--format', 'json'],
    { cwd: dir },
  );
  expect(changed.code, changed.stderr).toBe(2);
  const plan = JSON.parse(changed.stdout) as {
    changes: { address: string; action: string; fields: { path: string }[] }[];
  };
  expect(plan.changes.map((c) => [c.address, c.action])).toEqual([
    ['acme/EntryPoint/Sales_Voice', 'update'],
    ['acme/User/new.agent@acme.example', 'create'],
  ]);
  expect(plan.changes[0]!.fields.map((f) => f.path)).toEqual(['spec.serviceLevelThresholdSeconds']);
});
