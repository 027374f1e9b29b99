import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/** SPEC §4–§6 saved plans: `plan --out`, then `apply PLANFILE`, at most once, never edited or stale. */

const SCENARIO_TIMEOUT = 600_000;

/** Sets the wrap-up timeout of vandijk-retail's Customer_Service_Voice queue (60 in the examples). */
async function setQueueTimeout(ws: CliWorkspace, from: number, to: number) {
  await ws.edit(
    'vandijk-retail/queues.yaml',
    `timeoutSeconds: ${from}\n`,
    `timeoutSeconds: ${to}\n`,
  );
}

/** A refused apply of a plan file: exit 1, the code on stderr, the store untouched. */
async function refusedPlanFile(ws: CliWorkspace, file: string, code: string, words: RegExp) {
  const before = await ws.dump();
  const result = await ws.run(['apply', file, '--actor', PIETER]);
  expect(result.stderr).toContain(code);
  expect(result.stderr).toMatch(words);
  expect(result.stderr).not.toContain('Apply complete');
  expect(result.code).toBe(1);
  expect(await ws.dump()).toBe(before);
}

describe.each(storeTargets())('saved plans on $dialect', (target) => {
  test(
    'plan --out then apply FILE; applied once; edited or stale plans refused; plans with errors not saved',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });

      // A plan without changes applies as a no-op and records nothing.
      expect((await ws.run(['plan', 'config', '--out', 'empty.json'])).code).toBe(0);
      const noop = await ws.run(['apply', 'empty.json', '--actor', PIETER]);
      expect(noop.stderr).toContain('Apply complete: nothing to change, no revision recorded.');
      expect(noop.code).toBe(0);
      expect(await ws.revisions()).toHaveLength(3);

      await setQueueTimeout(ws, 60, 70);
      const saved = await ws.run(['plan', 'config', '--out', 'p.json']);
      expect(saved.stderr).toContain('Saved the plan to p.json');
      expect(saved.code).toBe(0);
      const planFile = JSON.parse(await readFile(path.join(ws.dir, 'p.json'), 'utf8')) as {
        changes: { address: string }[];
        digest: string;
      };
      expect(planFile.changes.map((c) => c.address)).toEqual([
        'vandijk-retail/Queue/Customer_Service_Voice',
      ]);
      expect(planFile.digest).toMatch(/^sha256:/);

      const anonymous = await ws.run(['apply', 'p.json']);
      expect(anonymous.stderr).toContain('AUTHZ_NO_ACTOR');
      expect(anonymous.code).toBe(1);

      const applied = await ws.run(['apply', 'p.json', '--actor', PIETER]);
      expect(applied.stderr).toContain(
        'Apply complete: 0 created, 1 updated, 0 deleted. Revisions: vandijk-retail@2.',
      );
      expect(applied.code).toBe(0);
      const revisions = await ws.revisions();
      expect(revisions.at(-1)).toMatchObject({
        scope: 'vandijk-retail',
        revision: 2,
        actor: PIETER,
        planDigest: planFile.digest,
      });
      expect((await ws.planJson()).plan.changes).toEqual([]);

      // At most once.
      await refusedPlanFile(ws, 'p.json', 'PLAN_STALE', /applied already/);

      // Edited after it was written: one character of an `after` value.
      await setQueueTimeout(ws, 70, 71);
      expect((await ws.run(['plan', 'config', '--out', 'p2.json'])).code).toBe(0);
      const original = await readFile(path.join(ws.dir, 'p2.json'), 'utf8');
      const afterAt = original.indexOf('"timeoutSeconds": 71', original.indexOf('"after"'));
      expect(afterAt).toBeGreaterThan(0);
      const edited = `${original.slice(0, afterAt)}"timeoutSeconds": 72${original.slice(afterAt + '"timeoutSeconds": 71'.length)}`;
      expect(edited.length).toBe(original.length);
      await writeFile(path.join(ws.dir, 'edited.json'), edited);
      await refusedPlanFile(ws, 'edited.json', 'PLAN_INVALID', /edited/);

      // Edited in a change's fields only: the values (which the digest covers) left as they were.
      const fieldAt = original.indexOf('"after": 71', original.indexOf('"fields"'));
      expect(fieldAt).toBeGreaterThan(0);
      const misdescribed = `${original.slice(0, fieldAt)}"after": 72${original.slice(fieldAt + '"after": 71'.length)}`;
      await writeFile(path.join(ws.dir, 'fields.json'), misdescribed);
      await refusedPlanFile(
        ws,
        'fields.json',
        'PLAN_INVALID',
        /fields of .* are not what its values give/,
      );

      // Written by a ccac whose digest is made otherwise (before digestFormat 2): told so.
      const older = JSON.parse(original) as Record<string, unknown>;
      expect(older.digestFormat).toBe(2);
      delete older.digestFormat;
      await writeFile(path.join(ws.dir, 'older.json'), JSON.stringify(older, null, 2));
      await refusedPlanFile(ws, 'older.json', 'PLAN_INVALID', /another version of ccac/);

      // Stale: someone applied to the tenant after the plan was made.
      expect((await ws.apply(PIETER, ['--tenant', 'vandijk-retail'])).code).toBe(0);
      await refusedPlanFile(ws, 'p2.json', 'PLAN_STALE', /revision 2 when planned and is at 3/);

      // A plan with errors is shown, not saved.
      await ws.edit(
        'vandijk-retail/tenant.yaml',
        'countryOfOperation: NL',
        'countryOfOperation: BE',
      );
      const broken = await ws.run(['plan', 'config', '--out', 'p3.json']);
      expect(broken.stdout).toContain('TENANT_COUNTRY_IMMUTABLE');
      expect(broken.code).toBe(1);
      expect(existsSync(path.join(ws.dir, 'p3.json'))).toBe(false);
    },
    SCENARIO_TIMEOUT,
  );
});
