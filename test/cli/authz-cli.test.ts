import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * SPEC §3 "who may change what", through the built CLI: representative rows only (every
 * table row is unit-tested in test/unit/authz). One store carries the whole scenario.
 */

const SCENARIO_TIMEOUT = 600_000;

const JOOST = 'joost.bakker@vandijk.example'; // cc-service-admin, customer org
const YOUSEF = 'yousef.alenezi@alnoor-bank.example'; // cc-service-admin, customer org
const FEMKE = 'femke.smit@vandijk.example'; // supervisor, customer org
const SANNE = 'sanne.visser@vandijk.example'; // read-only-admin, customer org
const NOC = 'noc@northwind-partners.example'; // read-only-admin, partner org
const MARIEKE = 'marieke.devries@vandijk.example'; // full-admin, customer org

/** Sets the wrap-up timeout of vandijk-retail's Customer_Service_Voice queue (60 in the examples). */
async function setQueueTimeout(ws: CliWorkspace, from: number, to: number) {
  await ws.edit(
    'vandijk-retail/queues.yaml',
    `timeoutSeconds: ${from}\n`,
    `timeoutSeconds: ${to}\n`,
  );
}

/** An apply the actor may not make: exit 1, the code and words on stderr, the store untouched. */
async function refused(
  ws: CliWorkspace,
  actor: string,
  code: string,
  words: RegExp,
  args: readonly string[] = [],
) {
  const before = await ws.dump();
  const result = await ws.apply(actor, args);
  expect(result.stdout + result.stderr).toContain(code);
  expect(result.stdout + result.stderr).toMatch(words);
  expect(result.stderr).not.toContain('Apply complete');
  expect(result.code).toBe(1);
  expect(await ws.dump()).toBe(before);
}

async function allowed(ws: CliWorkspace, actor: string, args: readonly string[] = []) {
  const result = await ws.apply(actor, args);
  expect(result.stderr).toContain('Apply complete');
  expect(result.code).toBe(0);
  return result;
}

describe.each(storeTargets())('authorization through the CLI on $dialect', (target) => {
  test(
    'bootstrap, unknown actors, self-escalation, service admins, supervisors, read-only and standard-license admins',
    async () => {
      const ws = await cliWorkspace(target);

      const anonymous = await ws.run(['apply', 'config', '--auto-approve']);
      expect(anonymous.stderr).toContain('AUTHZ_NO_ACTOR');
      expect(anonymous.code).toBe(1);

      // Bootstrap: the files declare Joost, but as a service admin; only a declared full-admin may.
      await refused(ws, JOOST, 'AUTHZ_', /full-admin/, ['--tenant', 'vandijk-retail']);
      await allowed(ws, PIETER);

      // Not a user of the stored tenant.
      await setQueueTimeout(ws, 60, 75);
      await refused(ws, 'nobody@vandijk.example', 'AUTHZ_UNKNOWN_ACTOR', /nobody@vandijk\.example/);

      // Roles come from the stored state: granting oneself full-admin does not make it usable now.
      const joostRoles = 'displayName: Joost Bakker\n  adminRoles:';
      await ws.edit(
        'vandijk-retail/users.yaml',
        `${joostRoles} [cc-service-admin]`,
        `${joostRoles} [full-admin]`,
      );
      await refused(ws, JOOST, 'AUTHZ_DENIED', /cc-service-admin/);
      await ws.edit(
        'vandijk-retail/users.yaml',
        `${joostRoles} [full-admin]`,
        `${joostRoles} [cc-service-admin]`,
      );

      // A service admin may change queues, not the telephony set in the services setup wizard.
      await ws.edit(
        'alnoor-bank/tenant.yaml',
        'telephony: external-via-webex-calling',
        'telephony: webex-calling',
      );
      await refused(ws, YOUSEF, 'AUTHZ_DENIED', /telephony/);
      await ws.edit(
        'alnoor-bank/tenant.yaml',
        'telephony: webex-calling',
        'telephony: external-via-webex-calling',
      );
      // Joost may apply the pending queue edit of his own tenant.
      await allowed(ws, JOOST, ['--tenant', 'vandijk-retail']);
      await ws.edit('alnoor-bank/queues.yaml', 'timeoutSeconds: 45', 'timeoutSeconds: 50');
      const yousef = await allowed(ws, YOUSEF);
      expect(yousef.stderr).toContain('Revisions: alnoor-bank@2.');

      // A supervisor edits business hours only.
      await ws.edit('vandijk-retail/business-hours.yaml', "start: '10:00'", "start: '09:30'");
      await allowed(ws, FEMKE);
      await setQueueTimeout(ws, 75, 80);
      await refused(ws, FEMKE, 'AUTHZ_DENIED', /supervisor/);
      await setQueueTimeout(ws, 80, 75);

      // A customer-org read-only admin may not even plan; a partner-org one may (nothing pending).
      const sanne = await ws.run(['plan', 'config', '--actor', SANNE]);
      expect(sanne.stdout + sanne.stderr).toMatch(/AUTHZ_DENIED .*may not plan vandijk-retail/);
      expect(sanne.code).toBe(1);
      const noc = await ws.run(['plan', 'config', '--actor', NOC, '--tenant', 'vandijk-retail']);
      expect(noc.stdout + noc.stderr).not.toContain('AUTHZ_DENIED');
      expect(noc.code).toBe(0);

      // A full-admin on a standard license has no Management Portal admin functions: no queues.
      await ws.edit(
        'vandijk-retail/users.yaml',
        'adminRoles: [full-admin]\n  # A full admin on a standard license could only use the Agent Desktop: give premium or none.\n  license: premium',
        'adminRoles: [full-admin]\n  # A full admin on a standard license could only use the Agent Desktop: give premium or none.\n  license: standard',
      );
      const downgrade = await ws.planJson();
      expect(downgrade.plan.changes.map((c) => c.address)).toEqual([
        `vandijk-retail/User/${MARIEKE}`,
      ]);
      await allowed(ws, PIETER);
      await setQueueTimeout(ws, 75, 85);
      await refused(ws, MARIEKE, 'AUTHZ_DENIED', /standard/);
      await allowed(ws, PIETER);
    },
    SCENARIO_TIMEOUT,
  );
});
