import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER, withCode, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';
import { tenantYaml } from '../helpers/tenant-yaml.js';

/**
 * Security issue #16, items 10 and 11, through the built CLI: bootstrap rights reach only their
 * new tenant, naming a partner organization needs the right to change it, and an organization
 * change is checked against the stored tenants it reaches.
 */

const SCENARIO_TIMEOUT = 600_000;
const MALLORY = 'mallory@evil.example';

const ORPHAN = [
  'apiVersion: ccac/v1',
  'kind: Organization',
  'metadata:',
  '  name: orphan-org',
  'spec:',
  '  type: external',
  '',
].join('\n');

/** A new tenant, outside `config/`, whose one user is the full-admin it declares. */
async function writeTenant(
  ws: CliWorkspace,
  dir: string,
  tenant: string,
  admin: string,
  extra: { partner?: string; users?: string[] } = {},
): Promise<void> {
  await mkdir(path.join(ws.dir, dir), { recursive: true });
  await writeFile(path.join(ws.dir, dir, 'tenant.yaml'), tenantYaml(tenant, admin, extra));
}

/** A user of a partner organization, as a YAML document to append to writeTenant's. */
function partnerUser(tenant: string, email: string, organization: string): string[] {
  return [
    '---',
    'apiVersion: ccac/v1',
    'kind: User',
    'metadata:',
    `  tenant: ${tenant}`,
    `  name: ${email}`,
    'spec:',
    `  organization: ${organization}`,
    '  adminRoles: [read-only-admin]',
  ];
}

async function refused(ws: CliWorkspace, args: readonly string[]) {
  const before = await ws.dump();
  const result = await ws.run(args);
  expect(result.stderr).not.toContain('Apply complete');
  expect(result.code).toBe(1);
  expect(await ws.dump()).toBe(before);
  return result;
}

describe.each(storeTargets())('organizations and bootstrap rights on $dialect', (target) => {
  test(
    '#16-10: a new tenant’s declared full-admin may not delete an organization, nor name a partner it does not speak for',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.append('organizations.yaml', ORPHAN);
      expect((await ws.apply(PIETER)).code).toBe(0);

      // The repro: mallory-corp with Mallory as its full-admin, and organizations.yaml without
      // the organization no tenant references.
      await ws.removeDocument('organizations.yaml', 'name: orphan-org');
      await writeTenant(ws, 'mallory', 'mallory-corp', MALLORY);
      const repro = ['config/organizations.yaml', 'mallory', '--actor', MALLORY];
      const denied = await refused(ws, ['apply', ...repro, '--auto-approve']);
      expect(denied.stdout + denied.stderr).toContain('AUTHZ_DENIED');
      // Mallory sees no organization in a stored tenant: the one she tried to delete is not shown.
      expect(denied.stdout + denied.stderr).not.toContain('orphan-org');
      const plan = await ws.run(['plan', ...repro, '--format', 'json']);
      expect(plan.code).toBe(1);
      // Planned without an actor, the plan shows why: only a stored full-admin may.
      const unnamed = await ws.run([
        'plan',
        'config/organizations.yaml',
        'mallory',
        '--format',
        'json',
      ]);
      expect(
        JSON.parse(unnamed.stdout).changes.map((c: { address: string }) => c.address),
      ).toContain('Organization/orphan-org');
      const asMallory = await ws.run(['plan', ...repro]);
      expect(asMallory.stdout).not.toContain('orphan-org');

      // Her tenant alone she may create.
      await ws.append('organizations.yaml', ORPHAN);
      const own = await ws.run(['apply', 'mallory', '--actor', MALLORY, '--auto-approve']);
      expect(own.stderr).toContain('Revisions: mallory-corp@1.');
      expect(own.code).toBe(0);

      // Naming Northwind as her partner, or one of her users as Northwind's, would give her a say
      // over Northwind: that is for who may change Northwind (full-admin where it is referenced).
      await writeTenant(ws, 'mallory', 'mallory-corp', MALLORY, {
        partner: 'northwind-partners',
        users: partnerUser('mallory-corp', 'fake-noc@evil.example', 'northwind-partners'),
      });
      const claim = await refused(ws, [
        'apply',
        'config/organizations.yaml',
        'mallory',
        '--actor',
        MALLORY,
        '--auto-approve',
        '--format',
        'json',
      ]);
      const claimed = withCode(JSON.parse(claim.stdout).diagnostics, 'AUTHZ_DENIED');
      expect(claimed.map((d) => d.address)).toEqual([
        'Tenant/mallory-corp',
        'mallory-corp/User/fake-noc@evil.example',
      ]);
      expect(claimed[0]?.message).toContain(
        'may not name Organization/northwind-partners as the partner of Tenant/mallory-corp',
      );
      expect(claimed[0]?.message).toContain('(alnoor-bank, vandijk-retail)');

      // So Northwind's own admin still changes Northwind, with mallory-corp's claim in the files.
      await ws.edit('organizations.yaml', 'contract: managed-services', 'contract: msp-2027');
      const northwind = await ws.run([
        'apply',
        'config',
        'mallory',
        '--tenant',
        'organizations',
        '--actor',
        PIETER,
        '--auto-approve',
      ]);
      expect(northwind.stderr).toContain('Revisions: organizations@3.');
      expect(northwind.code).toBe(0);

      // And may bring a new customer under Northwind, bootstrapping it.
      await writeTenant(ws, 'newcust', 'northwind-newcust', 'boss@newcust.example', {
        partner: 'northwind-partners',
        users: [
          '---',
          'apiVersion: ccac/v1',
          'kind: User',
          'metadata:',
          '  tenant: northwind-newcust',
          `  name: ${PIETER}`,
          'spec:',
          '  organization: northwind-partners',
          '  adminRoles: [full-admin]',
        ],
      });
      const onboard = await ws.run([
        'apply',
        'config/organizations.yaml',
        'newcust',
        '--actor',
        PIETER,
        '--auto-approve',
      ]);
      expect(onboard.stderr).toContain('Revisions: northwind-newcust@1.');
      expect(onboard.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    '#16-11: an organization change is checked against the stored users of every tenant it reaches',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit(
        'organizations.yaml',
        'type: external\n  displayName: Meridian Consulting Ltd\n  contactCenterEnabled: false',
        'type: external\n  displayName: Meridian Consulting Ltd\n  contactCenterEnabled: true',
      );
      const only = ['config/organizations.yaml', '--actor', PIETER];
      const plan = await ws.run(['plan', ...only, '--format', 'json']);
      expect(plan.code).toBe(1);
      const found = withCode(JSON.parse(plan.stdout).diagnostics, 'CCSA_EXTERNAL_CC_ENABLED');
      expect(found.map((d) => [d.severity, d.address])).toEqual([
        ['error', 'alnoor-bank/User/r.koster@meridian-consulting.example'],
        ['error', 'vandijk-retail/User/a.chen@meridian-consulting.example'],
      ]);
      expect(found[0]?.message).toContain(
        "with this plan's change to Organization/meridian-consulting",
      );
      const applied = await refused(ws, ['apply', ...only, '--auto-approve']);
      expect(applied.stdout).toContain('error CCSA_EXTERNAL_CC_ENABLED');
      // The whole configuration says the same: the next full plan does not fail where this passed.
      const full = await ws.planJson();
      expect(full.code).toBe(1);
      expect(withCode(full.plan.diagnostics, 'CCSA_EXTERNAL_CC_ENABLED')).toHaveLength(2);
    },
    SCENARIO_TIMEOUT,
  );
});
