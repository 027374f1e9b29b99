import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * Issue #21: a plan signed with CCAC_PLAN_KEY is applied after checking what its signature cannot
 * vouch for (check-signed-plan.ts) instead of being planned again; whatever that check doubts is
 * re-checked in full, so a signed plan is refused as before when it is stale, applied already,
 * made on another store's history, built on drift, or beyond the applying actor's roles.
 * CCAC_DEBUG says which path ran.
 */
const SCENARIO_TIMEOUT = 600_000;
const KEY = 'signed-plan-apply-test-key';
const SIGNING = { CCAC_PLAN_KEY: KEY, CCAC_DEBUG: '1' };
const FEMKE = 'femke.smit@vandijk.example'; // supervisor (customer org): business hours only
const FAST = 'ccac: signed plan checked against its base revisions: not re-planned\n';
const FULL = 'ccac: signed plan re-checked in full: ';

/** A signed plan of the queue's timeout changed to `seconds` (from `from`); its stderr. */
async function signedPlan(ws: CliWorkspace, file: string, from: number, seconds: number) {
  await ws.edit(
    'vandijk-retail/queues.yaml',
    `timeoutSeconds: ${from}\n`,
    `timeoutSeconds: ${seconds}\n`,
  );
  const planned = await ws.run(['plan', 'config', '--out', file], SIGNING);
  expect(planned.code).toBe(0);
  return planned.stderr;
}

/**
 * Where PGlite ran: on a thread of its own for a command that parses a configuration beside the
 * store (the plan), on the main thread for one that parses none (the apply of a saved plan).
 */
const PGLITE_ON = {
  thread: 'ccac: embedded database on its own thread\n',
  main: 'ccac: embedded database on the main thread\n',
};

/** The apply of a saved plan refused: exit 1, the store as it was; its stderr. */
async function refused(ws: CliWorkspace, file: string, actor: string): Promise<string> {
  const before = await ws.dump();
  const result = await ws.run(['apply', file, '--actor', actor], SIGNING);
  expect(result.stderr).not.toContain('Apply complete');
  expect(result.code).toBe(1);
  expect(await ws.dump()).toBe(before);
  return result.stdout + result.stderr;
}

async function sql(ws: CliWorkspace, statement: string): Promise<void> {
  const store = await openStore(ws.url, { cwd: ws.dir });
  try {
    await store.db.query(statement);
  } finally {
    await store.close();
  }
}

describe.each(storeTargets())('a signed plan applied on $dialect', (target) => {
  test(
    'is checked against its base revisions, not re-planned, and applied at most once; without the key it is re-checked in full',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const planned = await signedPlan(ws, 'signed.json', 60, 70);
      // The actor as typed: looked up as authorization looks them up.
      const typed = ` ${PIETER.toUpperCase()}`;
      const applied = await ws.run(['apply', 'signed.json', '--actor', typed], SIGNING);
      expect(applied.stderr).toContain(FAST);
      if (target.dialect === 'pglite') {
        expect(planned).toContain(PGLITE_ON.thread);
        expect(applied.stderr).toContain(PGLITE_ON.main);
        expect(applied.stderr).not.toContain(PGLITE_ON.thread);
      }
      expect(applied.stderr).toContain('Apply complete: 0 created, 1 updated, 0 deleted.');
      expect(applied.code).toBe(0);
      const plan = await ws.planJson();
      expect(plan.plan.changes).toEqual([]);

      const again = await refused(ws, 'signed.json', PIETER);
      expect(again).toContain(`${FULL}it was applied already\n`);
      expect(again).toContain('PLAN_STALE this plan was applied already');

      await signedPlan(ws, 'next.json', 70, 80);
      const keyless = await ws.run(['apply', 'next.json', '--actor', PIETER], { CCAC_DEBUG: '1' });
      expect(keyless.stderr).toContain(
        'ccac: saved plan not signed with CCAC_PLAN_KEY: re-checked in full\n',
      );
      expect(keyless.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'is refused for an actor without the role, when stale, and when rows changed behind ccac’s back',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await signedPlan(ws, 'queue.json', 60, 70);
      const denied = await refused(ws, 'queue.json', FEMKE);
      expect(denied).toContain(`${FULL}the actor is not allowed every change\n`);
      expect(denied).toContain(`error AUTHZ_DENIED ${FEMKE} (supervisor, customer org)`);

      // Another apply in between: the plan's tenant moved on.
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 70\n', 'timeoutSeconds: 75\n');
      expect((await ws.apply(PIETER)).code).toBe(0);
      const stale = await refused(ws, 'queue.json', PIETER);
      expect(stale).toContain(`${FULL}vandijk-retail moved on since it was planned\n`);
      expect(stale).toMatch(/PLAN_STALE vandijk-retail was at revision 1 when planned and is at 2/);

      // A row the plan does not change, edited in SQL after the plan was made.
      await signedPlan(ws, 'drifted.json', 75, 90);
      await sql(
        ws,
        `update resources set value = jsonb_set(value, '{spec,adminRoles}', '["supervisor"]')
          where name = 'noah.peters@vandijk.example'`,
      );
      const drift = await refused(ws, 'drifted.json', PIETER);
      expect(drift).toContain(`${FULL}vandijk-retail holds rows changed outside ccac\n`);
      expect(drift).toContain(
        'vandijk-retail/User/noah.peters@vandijk.example: error DRIFT changed outside ccac',
      );
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'of one tenant, after the organizations it read moved on, is re-checked in full',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60\n', 'timeoutSeconds: 70\n');
      const planned = await ws.run(
        ['plan', 'config', '--tenant', 'vandijk-retail', '--out', 'tenant.json'],
        SIGNING,
      );
      expect(planned.code).toBe(0);
      // The organizations change in between; the tenant planned does not.
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 70\n', 'timeoutSeconds: 60\n');
      await ws.edit('organizations.yaml', 'contract: managed-services', 'contract: managed');
      expect((await ws.apply(PIETER)).code).toBe(0);
      const applied = await ws.run(['apply', 'tenant.json', '--actor', PIETER], SIGNING);
      expect(applied.stderr).toContain(
        `${FULL}_global is at a revision of another history, or a later one\n`,
      );
      expect(applied.stderr).toContain('Apply complete: 0 created, 1 updated, 0 deleted.');
      expect(applied.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'made on another history at the same revision numbers, is re-checked in full',
    async () => {
      // Two copies of one store: the same history, until each records its own revision 2.
      const ws = await cliWorkspace(target, { applied: true });
      const other = await cliWorkspace(target, { applied: true });
      for (const store of [ws, other]) await signedPlan(store, 'first.json', 60, 65);
      expect((await ws.apply(PIETER)).code).toBe(0);
      expect((await other.apply(PIETER)).code).toBe(0);
      await signedPlan(ws, 'signed.json', 65, 70);
      const elsewhere = await other.run(
        ['apply', `${ws.dir}/signed.json`, '--actor', PIETER],
        SIGNING,
      );
      expect(elsewhere.stderr).toContain(
        `${FULL}vandijk-retail is at a revision of another history, or a later one\n`,
      );
      expect(elsewhere.stderr).toContain('Apply complete: 0 created, 1 updated, 0 deleted.');
      expect(elsewhere.code).toBe(0);
      const here = await ws.run(['apply', 'signed.json', '--actor', PIETER], SIGNING);
      expect(here.stderr).toContain(FAST);
      expect(here.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
