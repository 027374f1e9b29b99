import { describe, expect, test } from 'vitest';
import {
  cliWorkspace,
  deactivateEntryPoints,
  PIETER,
  withCode,
  type JsonPlan,
} from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * Issue #17, item 1, through the built CLI: a tenant dropped from the configuration with
 * `--tenant` naming it is destroyed only deliberately (`--destroy`), the plan says so at its top,
 * and every rule that guards a delete applies to its resources.
 */

const SCENARIO_TIMEOUT = 600_000;

/** The command: vandijk-retail named, but not among the paths. */
const REPRO = [
  'config/organizations.yaml',
  'config/alnoor-bank',
  '--tenant',
  'vandijk-retail',
] as const;

const ACTIVE_ENTRY_POINTS = [
  'Customer_Service_NL',
  'Facebook_Messenger',
  'Loyalty_Callbacks',
  'SMS_Delivery_Updates',
  'Webshop_Chat',
  'Webshop_Email',
  'WhatsApp_Service',
].map((name) => `vandijk-retail/EntryPoint/${name}`);

const SYSTEM_ENTRY_POINT = 'vandijk-retail/EntryPoint/Outdial Transfer to Queue';

describe.each(storeTargets())('destroying a tenant on $dialect', (target) => {
  test(
    'needs --destroy, is called out at the top of every plan format, and its active channels deactivated first',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const apply = (...extra: string[]) =>
        ws.run(['apply', ...REPRO, '--actor', PIETER, '--auto-approve', ...extra]);

      // The repro: refused, nothing written; the active channels block it as a single delete would.
      const before = await ws.dump();
      const repro = await apply();
      expect(repro.code).toBe(1);
      expect(repro.stderr).not.toContain('Apply complete');
      expect(await ws.dump()).toBe(before);
      const text = repro.stdout;
      expect(text).toContain(
        'This plan destroys tenant vandijk-retail: it and all 43 of its resources will be deleted.',
      );
      expect(text.indexOf('This plan destroys')).toBeLessThan(text.indexOf('Deletions (43)'));
      expect(text).toContain('error TENANT_DESTROY');
      for (const address of ACTIVE_ENTRY_POINTS)
        expect(text).toContain(`${address}: error EP_DELETE_ACTIVE`);
      expect(text).not.toContain(`${SYSTEM_ENTRY_POINT}: error`);

      // --destroy says the destroy is meant; it does not lift the rules.
      const meant = await apply('--destroy', '--format', 'json');
      expect(meant.code).toBe(1);
      const meantPlan = JSON.parse(meant.stdout) as JsonPlan & { destroy: string[] };
      expect(meantPlan.destroy).toEqual(['vandijk-retail']);
      expect(withCode(meantPlan.diagnostics, 'TENANT_DESTROY')).toEqual([]);
      expect(withCode(meantPlan.diagnostics, 'EP_DELETE_ACTIVE').map((d) => d.address)).toEqual(
        ACTIVE_ENTRY_POINTS,
      );
      expect(await ws.dump()).toBe(before);

      // A plan names it in JSON and calls it out in markdown; one that destroys nothing says so.
      const json = await ws.planJson([...REPRO.slice(2)]);
      expect((json.plan as JsonPlan & { destroy: string[] }).destroy).toEqual([]);
      const named = await ws.run(['plan', ...REPRO, '--format', 'json']);
      expect((JSON.parse(named.stdout) as { destroy: string[] }).destroy).toEqual([
        'vandijk-retail',
      ]);
      const markdown = await ws.run(['plan', ...REPRO, '--format', 'markdown']);
      expect(markdown.stdout).toMatch(
        /^## ccac plan\n\n> \[!CAUTION\]\n> \*\*This plan destroys tenant <code>vandijk-retail<\/code>\*\*: it and all 43 of its resources will be deleted\.\n/,
      );

      // Deactivated first (in an apply of their own), the channels no longer block it.
      await deactivateEntryPoints(ws, 'vandijk-retail');
      expect((await ws.apply(PIETER)).code).toBe(0);
      const unconfirmed = await apply();
      expect(unconfirmed.code).toBe(1);
      expect(unconfirmed.stdout).toContain('error TENANT_DESTROY');
      expect(unconfirmed.stdout).not.toContain('EP_DELETE_ACTIVE');

      // A saved plan that destroys the tenant is held to the same: --destroy at apply says it is meant.
      const saved = await ws.run(['plan', ...REPRO, '--out', 'destroy.json']);
      expect(saved.code).toBe(0);
      const savedBefore = await ws.dump();
      const savedUnconfirmed = await ws.run(['apply', 'destroy.json', '--actor', PIETER]);
      expect(savedUnconfirmed.code).toBe(1);
      expect(savedUnconfirmed.stdout).toContain('error TENANT_DESTROY');
      expect(await ws.dump()).toBe(savedBefore);

      const destroyed = await ws.run(['apply', 'destroy.json', '--actor', PIETER, '--destroy']);
      expect(destroyed.stderr).toContain(
        'Apply complete: 0 created, 0 updated, 43 deleted. Revisions: vandijk-retail@3.',
      );
      expect(destroyed.code).toBe(0);
      // The system entry point went with its tenant, and only then.
      expect(destroyed.stdout).toContain(`- ${SYSTEM_ENTRY_POINT} will be deleted`);
      const history = await ws.run(['history', 'show', String((await ws.revisions()).at(-1)?.id)]);
      expect(history.stdout).toContain(
        'Tenant vandijk-retail was destroyed: it and all 43 of its resources were deleted.',
      );
    },
    SCENARIO_TIMEOUT,
  );
});
