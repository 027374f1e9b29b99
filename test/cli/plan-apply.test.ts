import { describe, expect, test } from 'vitest';
import {
  cliWorkspace,
  deactivateEntryPoints,
  errorCodes,
  PIETER,
  withCode,
} from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * SPEC issue 3 through the built CLI: plan against the stored state, apply, plan again.
 * Each scenario reuses one store across its steps (a CLI start on PGlite costs a second or two).
 */
/** A scenario runs the CLI a dozen times; on a loaded machine each start can take seconds. */
const SCENARIO_TIMEOUT = 300_000;

describe.each(storeTargets())('plan and apply on $dialect', (target) => {
  test(
    'apply the examples, then plan shows no changes; one revision per scope touched',
    async () => {
      const ws = await cliWorkspace(target);

      const first = await ws.run(['plan', 'config', '--detailed-exitcode']);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(2);
      expect(first.stdout).toMatch(/Plan: 83 to create, 0 to update, 0 to delete\./);

      // Without a terminal and without --auto-approve nothing is written (SPEC §4).
      const empty = await ws.dump();
      const unattended = await ws.run(['apply', 'config', '--actor', PIETER]);
      expect(unattended.code).toBe(1);
      expect(unattended.stderr).toMatch(/--auto-approve/);
      expect(await ws.dump()).toBe(empty);

      const applied = await ws.apply(PIETER);
      expect(applied.stderr).toContain(
        'Apply complete: 83 created, 0 updated, 0 deleted. Revisions: organizations@1, alnoor-bank@1, vandijk-retail@1.',
      );
      expect(applied.code).toBe(0);
      const revisions = await ws.revisions();
      expect(revisions.map((r) => [r.scope, r.revision, r.actor, r.actorRole])).toEqual([
        ['_global', 1, PIETER, expect.stringContaining('full-admin')],
        ['alnoor-bank', 1, PIETER, expect.stringContaining('full-admin')],
        ['vandijk-retail', 1, PIETER, expect.stringContaining('full-admin')],
      ]);
      expect(revisions.reduce((sum, r) => sum + r.counts.create, 0)).toBe(83);

      const again = await ws.run(['plan', 'config', '--detailed-exitcode']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('No changes');
      const json = await ws.planJson();
      expect(json.plan.changes).toEqual([]);
      expect(json.plan.tenants).toEqual({
        organizations: { baseRevision: 1 },
        'alnoor-bank': { baseRevision: 1 },
        'vandijk-retail': { baseRevision: 1 },
      });

      // One queue changes: one update, one new revision of that tenant only.
      await ws.edit(
        'vandijk-retail/queues.yaml',
        'serviceLevelThresholdSeconds: 45',
        'serviceLevelThresholdSeconds: 50',
      );
      const changed = await ws.run(['plan', 'config', '--detailed-exitcode']);
      expect(changed.code).toBe(2);
      expect(changed.stdout).toMatch(/Plan: 0 to create, 1 to update, 0 to delete\./);
      const second = await ws.apply(PIETER);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain(
        'Apply complete: 0 created, 1 updated, 0 deleted. Revisions: vandijk-retail@2.',
      );
      expect((await ws.revisions()).map((r) => `${r.scope}@${r.revision}`)).toEqual([
        '_global@1',
        'alnoor-bank@1',
        'vandijk-retail@1',
        'vandijk-retail@2',
      ]);
      expect((await ws.run(['plan', 'config', '--detailed-exitcode'])).code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'stateful rules fire at the declaring place, block apply, and pass once fixed',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });

      // The system entry point is checked with the files alone: it stops the plan before the store.
      await ws.edit(
        'vandijk-retail/entry-points.yaml',
        "supportNumbers: ['+31201234590']",
        "supportNumbers: ['+31201234590']\n  active: false",
      );
      const system = await ws.planJson();
      expect(system.code).toBe(1);
      expect(errorCodes(system.plan.diagnostics)).toEqual(['EP_SYSTEM_PROTECTED']);
      expect(withCode(system.plan.diagnostics, 'EP_SYSTEM_PROTECTED')).toEqual([
        expect.objectContaining({
          address: 'vandijk-retail/EntryPoint/Outdial Transfer to Queue',
          file: 'config/vandijk-retail/entry-points.yaml',
          ...(await ws.placeOf('vandijk-retail/entry-points.yaml', 'false')),
        }),
      ]);
      await ws.edit('vandijk-retail/entry-points.yaml', '\n  active: false', '');

      await ws.edit('alnoor-bank/tenant.yaml', 'countryOfOperation: KW', 'countryOfOperation: SA');
      await ws.edit(
        'vandijk-retail/entry-points.yaml',
        'channelType: chat\n  queue: Webshop_Chat',
        'channelType: email\n  queue: Webshop_Chat',
      );
      await ws.removeDocument('vandijk-retail/entry-points.yaml', 'name: Webshop_Email');

      const violating = await ws.planJson();
      expect(violating.code).toBe(1);
      const { diagnostics } = violating.plan;
      expect(errorCodes(diagnostics)).toEqual([
        'EP_CHANNEL_TYPE_IMMUTABLE',
        'EP_DELETE_ACTIVE',
        'TENANT_COUNTRY_IMMUTABLE',
      ]);
      expect(withCode(diagnostics, 'TENANT_COUNTRY_IMMUTABLE')).toEqual([
        expect.objectContaining({
          address: 'Tenant/alnoor-bank',
          file: 'config/alnoor-bank/tenant.yaml',
          ...(await ws.placeOf('alnoor-bank/tenant.yaml', 'SA')),
        }),
      ]);
      expect(withCode(diagnostics, 'EP_CHANNEL_TYPE_IMMUTABLE')).toEqual([
        expect.objectContaining({
          address: 'vandijk-retail/EntryPoint/Webshop_Chat',
          file: 'config/vandijk-retail/entry-points.yaml',
          ...(await ws.placeOf('vandijk-retail/entry-points.yaml', 'email\n  queue: Webshop_Chat')),
        }),
      ]);
      expect(withCode(diagnostics, 'EP_DELETE_ACTIVE')).toEqual([
        expect.objectContaining({ address: 'vandijk-retail/EntryPoint/Webshop_Email' }),
      ]);
      // The text rendering names the same places, compiler style.
      const text = await ws.run(['plan', 'config']);
      expect(text.code).toBe(1);
      const country = await ws.placeOf('alnoor-bank/tenant.yaml', 'SA');
      expect(text.stdout + text.stderr).toContain(
        `config/alnoor-bank/tenant.yaml:${country.line}:${country.column}: error TENANT_COUNTRY_IMMUTABLE`,
      );

      const before = await ws.dump();
      const refused = await ws.apply(PIETER);
      expect(refused.code).toBe(1);
      expect(await ws.dump()).toBe(before);

      // Fixed: the immutable fields back, the channel deactivated first.
      await ws.edit('alnoor-bank/tenant.yaml', 'countryOfOperation: SA', 'countryOfOperation: KW');
      await ws.edit(
        'vandijk-retail/entry-points.yaml',
        'channelType: email\n  queue: Webshop_Chat',
        'channelType: chat\n  queue: Webshop_Chat',
      );
      await ws.append(
        'vandijk-retail/entry-points.yaml',
        [
          'apiVersion: ccac/v1',
          'kind: EntryPoint',
          'metadata:',
          '  tenant: vandijk-retail',
          '  name: Webshop_Email',
          'spec:',
          '  description: klantenservice@vandijk.example',
          '  channelType: email',
          '  queue: Webshop_Email',
          '  flow: Webshop_Routing',
          '  serviceLevelThresholdSeconds: 14400',
          '  active: false',
          '',
        ].join('\n'),
      );
      const deactivate = await ws.planJson();
      expect(deactivate.plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(deactivate.plan.changes.map((c) => [c.address, c.action])).toEqual([
        ['vandijk-retail/EntryPoint/Webshop_Email', 'update'],
      ]);
      expect((await ws.apply(PIETER)).code).toBe(0);

      await ws.removeDocument('vandijk-retail/entry-points.yaml', 'name: Webshop_Email');
      const deletion = await ws.apply(PIETER);
      expect(deletion.stderr).toContain('0 created, 0 updated, 1 deleted');
      expect(deletion.code).toBe(0);
      expect((await ws.planJson()).plan.changes).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'scoping: tenants absent from the files, --tenant deletion, REF_IN_USE across tenants',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      // Its channels deactivated first: a tenant with active ones is not deleted (EP_DELETE_ACTIVE).
      await deactivateEntryPoints(ws, 'alnoor-bank');
      expect((await ws.apply(PIETER)).code).toBe(0);

      // A stored tenant the files do not mention is outside the plan: left alone.
      await ws.remove('alnoor-bank');
      const without = await ws.planJson();
      expect(without.code).toBe(0);
      expect(without.plan.changes).toEqual([]);
      expect(Object.keys(without.plan.tenants)).toEqual(['organizations', 'vandijk-retail']);

      // Fjordline is still referenced by alnoor-bank's stored users, which this plan does not cover.
      await ws.removeDocument('organizations.yaml', 'name: fjordline-provisioning');
      await ws.removeDocument('vandijk-retail/users.yaml', 'name: ingrid.berg@fjordline.example');
      const inUse = await ws.planJson();
      expect(inUse.code).toBe(1);
      expect(errorCodes(inUse.plan.diagnostics)).toEqual(['REF_IN_USE']);
      const messages = withCode(inUse.plan.diagnostics, 'REF_IN_USE').map((d) => d.message);
      expect(messages.join('\n')).toContain('alnoor-bank/User/ingrid.berg@fjordline.example');
      expect(messages.join('\n')).toContain('alnoor-bank/User/support@fjordline.example');
      const before = await ws.dump();
      expect((await ws.apply(PIETER)).code).toBe(1);
      expect(await ws.dump()).toBe(before);

      // Named with --tenant, the absent tenant is planned for deletion, with everything in it.
      const storedAlnoor = (await ws.revisions()).find((r) => r.scope === 'alnoor-bank');
      const named = await ws.planJson(['--tenant', 'alnoor-bank']);
      expect(named.code).toBe(0);
      expect(Object.keys(named.plan.tenants)).toEqual(['alnoor-bank']);
      expect(new Set(named.plan.changes.map((c) => c.action))).toEqual(new Set(['delete']));
      expect(named.plan.changes.map((c) => c.address)).toContain('Tenant/alnoor-bank');
      expect(named.plan.changes.length).toBeGreaterThanOrEqual(storedAlnoor?.counts.create ?? 1);
      expect(
        named.plan.changes.every(
          (c) => c.address === 'Tenant/alnoor-bank' || c.address.startsWith('alnoor-bank/'),
        ),
      ).toBe(true);
      const deleted = await ws.apply(PIETER, ['--tenant', 'alnoor-bank', '--destroy']);
      expect(deleted.stderr).toContain('Revisions: alnoor-bank@3.');
      expect(deleted.code).toBe(0);

      // Nothing references Fjordline any more: its deletion passes.
      const free = await ws.planJson();
      expect(free.code).toBe(0);
      expect(free.plan.changes.map((c) => [c.address, c.action])).toEqual([
        ['Organization/fjordline-provisioning', 'delete'],
        ['vandijk-retail/User/ingrid.berg@fjordline.example', 'delete'],
      ]);
      expect((await ws.apply(PIETER)).code).toBe(0);
      expect((await ws.planJson()).plan.changes).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
