import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hashed } from '../../src/model/canonicalize.js';
import type { ResourceValue } from '../../src/model/model.js';
import { openStore } from '../../src/store/open-store.js';
import type { SqlStateStore } from '../../src/store/sql-state-store.js';
import {
  cliWorkspace,
  PIETER,
  withCode,
  type CliWorkspace,
  type JsonPlan,
} from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * Issue #16, items 6–8, through the built CLI: the stored state edited in SQL behind ccac's back
 * — by a role that may only read and update `resources`, by plain SQL, and by cutting the last
 * revisions off a tenant's chain — and what drift, history verify, plan and apply make of it.
 */
const SCENARIO_TIMEOUT = 300_000;

const SANNE = 'sanne.visser@vandijk.example';
const JOOST = 'joost.bakker@vandijk.example';
const NOAH = 'vandijk-retail/User/noah.peters@vandijk.example';

/** Opens the scenario's store outside ccac (the CLI is not running), does `work`, closes it. */
async function withSql<T>(
  ws: CliWorkspace,
  work: (store: SqlStateStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(ws.url, { cwd: ws.dir });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs `statements` as a role made for it that may only SELECT and UPDATE `resources` (a
 * reporting or support account), and checks that it may not touch the history. Roles are
 * cluster-wide on PostgreSQL: the role is dropped again.
 */
async function asResourcesEditor(ws: CliWorkspace, statements: readonly string[]): Promise<void> {
  const role = `ccac_editor_${randomBytes(4).toString('hex')}`;
  await withSql(ws, async ({ db }) => {
    await db.query(`create role ${role} nologin`);
    try {
      await db.query(`grant usage on schema public to ${role}`);
      await db.query(`grant select, update on resources to ${role}`);
      await db.query(`set role ${role}`);
      for (const statement of statements) await db.query(statement);
      await expect(db.query(`update changes set after = after`)).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await db.query('reset role');
      await db.query(`drop owned by ${role}`);
      await db.query(`drop role ${role}`);
    }
  });
}

describe.each(storeTargets())('the store edited behind ccac’s back on $dialect', (target) => {
  test(
    'a role that may only update resources, setting ccac.writing, makes Sanne full-admin: drift, verify and plan see it, and she is not authorized from it',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      // Issue #16 item 6, as given.
      await asResourcesEditor(ws, [
        `set ccac.writing = 'on'`,
        `update resources set value = jsonb_set(value, '{spec,adminRoles}', '["full-admin"]')
          where name = '${SANNE}'`,
      ]);

      const drift = await ws.run(['drift', '--format', 'json', '--detailed-exitcode']);
      expect(drift.code).toBe(2);
      expect((JSON.parse(drift.stdout) as JsonPlan).changes).toEqual([
        expect.objectContaining({
          address: `vandijk-retail/User/${SANNE}`,
          action: 'update',
          fields: [
            {
              path: 'spec.adminRoles',
              before: ['read-only-admin'],
              after: ['full-admin'],
              added: ['full-admin'],
              removed: ['read-only-admin'],
            },
          ],
        }),
      ]);

      const verify = await ws.run(['history', 'verify']);
      expect(verify.stdout).toContain(
        `vandijk-retail: 1 stored resource is not what the history recorded (see ccac drift): vandijk-retail/User/${SANNE}\n`,
      );
      expect(verify.code).toBe(1);

      // A plan of the unchanged files reads the tenant again and puts Sanne back.
      const plan = await ws.planJson();
      expect(withCode(plan.plan.diagnostics, 'DRIFT').map((d) => d.address)).toEqual([
        `vandijk-retail/User/${SANNE}`,
      ]);
      expect(plan.plan.changes.map((c) => c.address)).toEqual([`vandijk-retail/User/${SANNE}`]);

      // Sanne uses the role: a setup field only a full-admin may change.
      await ws.edit(
        'vandijk-retail/tenant.yaml',
        'timezone: Europe/Amsterdam',
        'timezone: Europe/Brussels',
      );
      const asSanne = await ws.planJson(['--actor', SANNE]);
      expect(asSanne.code).toBe(1);
      expect(withCode(asSanne.plan.diagnostics, 'STORE_TAMPERED')).toEqual([
        expect.objectContaining({ severity: 'error', address: `vandijk-retail/User/${SANNE}` }),
      ]);

      const before = await ws.dump();
      for (const args of [[], ['--accept-drift']]) {
        const applied = await ws.apply(SANNE, args);
        expect(applied.code).toBe(1);
        expect(applied.stdout).toContain(
          `vandijk-retail/User/${SANNE}: error STORE_TAMPERED authorization reads this row`,
        );
        expect(applied.stderr).not.toContain('Apply complete');
      }
      expect(await ws.dump()).toBe(before);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'apply refuses to build on a row changed by plain SQL; --accept-drift adopts it in the revision, and drift and verify are clean after',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await withSql(ws, ({ db }) =>
        db.query(
          `update resources set value = jsonb_set(value, '{spec,adminRoles}', '["supervisor"]')
            where name = 'noah.peters@vandijk.example'`,
        ),
      );
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60', 'timeoutSeconds: 90');

      const plan = await ws.planJson();
      expect(withCode(plan.plan.diagnostics, 'DRIFT')).toEqual([
        expect.objectContaining({ severity: 'warning', address: NOAH }),
      ]);

      const before = await ws.dump();
      const refused = await ws.apply(PIETER);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `${NOAH}: error DRIFT changed outside ccac since revision 1; apply does not build on it: restore it, or adopt it with --accept-drift (the revision records it)\n`,
      );
      expect(refused.stderr).toContain('Nothing was written.');
      // A saved plan is checked under the lock the same way.
      const saved = await ws.run(['plan', 'config', '--out', 'plan.json']);
      expect(saved.code).toBe(0);
      const savedApply = await ws.run(['apply', 'plan.json', '--actor', PIETER]);
      expect(savedApply.code).toBe(1);
      expect(savedApply.stderr).toContain(`${NOAH}: error DRIFT changed outside ccac`);
      expect(await ws.dump()).toBe(before);

      const adopted = await ws.apply(PIETER, ['--accept-drift']);
      expect(adopted.code).toBe(0);
      expect(adopted.stderr).toContain(
        'Apply complete: 0 created, 2 updated, 0 deleted. Revisions: vandijk-retail@2.\n' +
          `Adopted drift: ${NOAH}.\n`,
      );
      const revision = (await ws.revisions()).find(
        (r) => r.scope === 'vandijk-retail' && r.revision === 2,
      )!;
      expect(revision.acceptedDrift).toEqual([
        {
          address: NOAH,
          kind: 'User',
          name: 'noah.peters@vandijk.example',
          value: { spec: expect.objectContaining({ adminRoles: ['supervisor'] }) },
        },
      ]);
      const drifted = revision.acceptedDrift![0]!.value!;
      // The change was made on the value found, and says so.
      const shown = await ws.run(['history', 'show', String(revision.id), '--format', 'json']);
      const { plan: made } = JSON.parse(shown.stdout) as {
        plan: { changes: { address: string; before: ResourceValue }[] };
      };
      expect(made.changes.find((c) => c.address === NOAH)?.before).toEqual(drifted);
      const text = await ws.run(['history', 'show', String(revision.id)]);
      expect(text.stdout).toContain(
        `adopted:  ${NOAH} as changed outside ccac (sha256:${hashed(drifted).hash})\n`,
      );

      const clean = await ws.run(['drift', '--detailed-exitcode']);
      expect(clean.stdout).toBe(
        'No drift. The stored state is what the recorded revisions wrote.\n',
      );
      expect(clean.code).toBe(0);
      const verified = await ws.run(['history', 'verify']);
      expect(verified.stdout).toBe('4 revisions in 3 scopes verified\n');
      expect(verified.code).toBe(0);

      // What was adopted is part of the revision's hash.
      await withSql(ws, ({ db }) =>
        db.query(
          `update accepted_drift set value = jsonb_set(value, '{spec,adminRoles}', '["full-admin"]')`,
        ),
      );
      const altered = await ws.run(['history', 'verify', '--tenant', 'vandijk-retail']);
      expect(altered.stdout).toContain(
        `vandijk-retail: revision 2 (id ${revision.id}) was altered: its hash does not match its content\n`,
      );
      expect(altered.code).toBe(1);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'adopting drift is a change the actor must be allowed to make; the history then holds the row as adopted',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await withSql(ws, ({ db }) =>
        db.query(
          `update resources set value = jsonb_set(value, '{spec,displayName}', '"Noah Pieters"')
            where name = 'noah.peters@vandijk.example'`,
        ),
      );
      // The files agree with the edit, so the plan leaves Noah alone; the queue is Joost's to change.
      await ws.edit('vandijk-retail/users.yaml', 'Noah Peters', 'Noah Pieters');
      await ws.edit('vandijk-retail/queues.yaml', 'timeoutSeconds: 60', 'timeoutSeconds: 90');

      const before = await ws.dump();
      const denied = await ws.apply(JOOST, ['--accept-drift']);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toContain(
        `${NOAH}: error AUTHZ_DENIED adopting drift: ${JOOST} (cc-service-admin, customer org) may not change spec.displayName of ${NOAH}\n`,
      );
      expect(await ws.dump()).toBe(before);

      // A full-admin may: Noah's row is adopted as found, and the history holds it from there on.
      const adopted = await ws.apply(PIETER, ['--accept-drift']);
      expect(adopted.code).toBe(0);
      expect(adopted.stderr).toContain(`Adopted drift: ${NOAH}.\n`);
      const { id, counts } = (await ws.revisions()).find((r) => r.acceptedDrift)!;
      expect(counts).toEqual({ create: 0, update: 1, delete: 0 });
      const replayed = await ws.run(['diff', `rev:${id}`, 'live']);
      expect(replayed.stdout).toBe(
        `No differences: rev:${id} and live hold the same configuration.\n`,
      );
      const drift = await ws.run(['drift', '--detailed-exitcode']);
      expect(drift.code).toBe(0);
      // The adopted row was written again by the apply: a plan can tell it is ccac's unread.
      const plan = await ws.run(['plan', 'config'], { CCAC_DEBUG: '1' });
      expect(plan.stdout).toContain('No changes.');
      expect(plan.stderr).toContain('ccac: read the rows of 0 of 3 scopes\n');
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'revisions cut off the end of a chain are found by the anchors apply printed and appended',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const anchorFile = path.join(ws.dir, 'anchors.txt');
      const env = { CCAC_ANCHOR_FILE: anchorFile };
      const anchors: string[] = [];
      for (const [from, to] of [
        ['timeoutSeconds: 60', 'timeoutSeconds: 75'],
        ['timeoutSeconds: 75', 'timeoutSeconds: 85'],
      ] as const) {
        await ws.edit('vandijk-retail/queues.yaml', from, to);
        const applied = await ws.run(['apply', 'config', '--auto-approve', '--actor', PIETER], env);
        expect(applied.code).toBe(0);
        const anchor = /^ {2}(vandijk-retail@\d+ sha256:[0-9a-f]{64})$/m.exec(applied.stderr);
        expect(anchor).not.toBeNull();
        anchors.push(anchor![1]!);
      }
      const [second, third] = anchors;
      expect(second).toMatch(/^vandijk-retail@2 /);
      expect(third).toMatch(/^vandijk-retail@3 /);
      const lines = (await readFile(anchorFile, 'utf8')).trimEnd().split('\n');
      expect(lines.map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([second, third]);

      const intact = await ws.run(['history', 'verify'], env);
      expect(intact.stdout).toBe('5 revisions in 3 scopes verified against 2 anchors\n');
      expect(intact.code).toBe(0);

      // Revisions 2 and 3 cut off, the counter set back, the queue put back as revision 1 left it.
      await withSql(ws, async ({ db }) => {
        const queue = 'vandijk-retail/Queue/Customer_Service_Voice';
        const [first] = await db.query<{ after: ResourceValue }>(
          `select after from changes where scope = 'vandijk-retail' and revision = 1 and address = $1`,
          [queue],
        );
        await db.query(`delete from changes where scope = 'vandijk-retail' and revision > 1`);
        await db.query(`delete from revisions where scope = 'vandijk-retail' and revision > 1`);
        await db.query(`update scopes set revision = 1 where scope = 'vandijk-retail'`);
        await db.query(
          `update resources set value = $1::jsonb, hash = $2
            where scope = 'vandijk-retail' and kind = 'Queue' and name = 'Customer_Service_Voice'`,
          [JSON.stringify(first!.after), hashed(first!.after).hash],
        );
      });

      // The chain alone cannot tell: what is left of it is whole, and the rows are what it says.
      const unanchored = await ws.run(['history', 'verify']);
      expect(unanchored.stdout).toBe('3 revisions in 3 scopes verified\n');
      expect(unanchored.code).toBe(0);

      const expected = await ws.run(['history', 'verify', '--expect', third!.replace(' ', ':')]);
      expect(expected.stdout).toContain(
        'vandijk-retail: revision 3, anchored by --expect, is missing: the chain ends at revision 1, so its last revisions were removed\n',
      );
      expect(expected.code).toBe(1);

      const filed = await ws.run(['history', 'verify'], env);
      expect(filed.stdout).toContain(
        `vandijk-retail: revision 2, anchored by ${anchorFile}:1, is missing: the chain ends at revision 1, so its last revisions were removed\n`,
      );
      expect(filed.code).toBe(1);
    },
    SCENARIO_TIMEOUT,
  );
});
