import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import {
  cliWorkspace,
  PIETER,
  withCode,
  type CliWorkspace,
  type JsonPlan,
} from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * What a plan reads: the rows of a scope only when its summary (store/scope-summaries.ts) does
 * not vouch that it holds what the files declare. CCAC_DEBUG says how many were read.
 */
const SCENARIO_TIMEOUT = 300_000;
const DEBUG = { CCAC_DEBUG: '1' };
const SANNE = 'sanne.visser@vandijk.example'; // read-only-admin, customer org: may not plan
const FEMKE = 'femke.smit@vandijk.example'; // supervisor, customer org: business hours
const NOC = 'noc@northwind-partners.example'; // read-only-admin, partner org: may plan
const INGRID = 'ingrid.berg@fjordline.example'; // provisioning-admin, provisioning partner

/** One change to one tenant's file: alnoor-bank's Retail_Hotline service-level threshold. */
const retailHotlineThreshold = (ws: CliWorkspace, from: number, to: number) =>
  ws.edit(
    'alnoor-bank/queues.yaml',
    `serviceLevelThresholdSeconds: ${from}`,
    `serviceLevelThresholdSeconds: ${to}`,
  );

describe.each(storeTargets())('rows a plan reads on $dialect', (target) => {
  test(
    'none when nothing changed; a changed tenant, or one edited outside ccac, is read',
    async () => {
      const ws = await cliWorkspace(target);
      expect((await ws.apply(PIETER)).code).toBe(0);

      const clean = await ws.run(['plan', 'config', '--detailed-exitcode'], DEBUG);
      expect(clean.stderr).toContain('ccac: read the rows of 0 of 3 scopes\n');
      expect(clean.stdout).toContain('No changes.');
      expect(clean.code).toBe(0);
      // Told from summaries alone, the plan is the one a full plan makes (an actor forces one).
      const quick = await ws.planJson();
      const full = await ws.planJson(['--actor', PIETER]);
      expect(quick.plan.tenants).toEqual({
        organizations: { baseRevision: 1 },
        'alnoor-bank': { baseRevision: 1 },
        'vandijk-retail': { baseRevision: 1 },
      });
      expect(quick.stdout).toBe(full.stdout);

      await retailHotlineThreshold(ws, 20, 25);
      const edited = await ws.run(['plan', 'config', '--format', 'json'], DEBUG);
      expect(edited.stderr).toContain('ccac: read the rows of 1 of 3 scopes\n');
      const plan = JSON.parse(edited.stdout) as JsonPlan;
      // Planned with the model of that tenant alone: the plan a whole, uncached one makes.
      expect(edited.stderr).toContain('ccac: checked alnoor-bank again for 1 changed files\n');
      const whole = await ws.run(['plan', 'config', '--format', 'json'], { CCAC_CACHE: 'off' });
      expect(edited.stdout).toBe(whole.stdout);
      expect(plan.changes).toEqual([
        expect.objectContaining({
          address: 'alnoor-bank/Queue/Retail_Hotline',
          fields: [{ path: 'spec.serviceLevelThresholdSeconds', before: 20, after: 25 }],
        }),
      ]);
      await retailHotlineThreshold(ws, 25, 20);

      // Same digest, but a row no longer as ccac wrote it: read, and warned about.
      const store = await openStore(ws.url, { cwd: ws.dir });
      try {
        await store.db.query(
          `update resources set value = jsonb_set(value, '{labels}', '{"edited": "by hand"}')
            where scope = 'vandijk-retail' and kind = 'Tenant'`,
        );
      } finally {
        await store.close();
      }
      const drifted = await ws.run(['plan', 'config', '--format', 'json'], DEBUG);
      expect(drifted.stderr).toContain('ccac: read the rows of 1 of 3 scopes\n');
      const drift = JSON.parse(drifted.stdout) as JsonPlan;
      expect(drift.changes.map((c) => c.address)).toEqual(['Tenant/vandijk-retail']);
      expect(withCode(drift.diagnostics, 'DRIFT')).toEqual([
        expect.objectContaining({ address: 'Tenant/vandijk-retail' }),
      ]);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'an actor is checked in unchanged tenants from their stored rows, as a whole plan checks them',
    async () => {
      const ws = await cliWorkspace(target);
      expect((await ws.apply(PIETER)).code).toBe(0);
      const actors = [PIETER, SANNE, FEMKE, NOC, INGRID, 'nobody@elsewhere.example'];
      // Each actor's plan as the whole configuration's model gives it: no cache, no kept check.
      const whole = (actor: string) =>
        ws.run(['plan', 'config', '--format', 'json', '--actor', actor], { CCAC_CACHE: 'off' });
      const kept = (actor: string) =>
        ws.run(['plan', 'config', '--format', 'json', '--actor', actor], DEBUG);

      for (const actor of actors) {
        const answer = await kept(actor);
        // Nothing changed: only the organizations' file is loaded, and no tenant's rows read.
        expect(answer.stderr).toContain('ccac: no file changed since the last check\n');
        expect(answer.stderr).toContain('ccac: parsed 0 of 1 files\n');
        expect(answer.stderr).toContain('ccac: read the rows of 0 of 3 scopes\n');
        expect(answer.stderr).toContain('ccac: 2 unchanged tenants taken from the store\n');
        const expected = await whole(actor);
        expect([answer.code, answer.stdout], actor).toEqual([expected.code, expected.stdout]);
      }
      expect(JSON.parse((await whole(SANNE)).stdout)).toMatchObject({
        diagnostics: [expect.objectContaining({ code: 'AUTHZ_DENIED' })],
      });

      // One tenant changed: its model is loaded, the other tenant's actor rows read from the store.
      await retailHotlineThreshold(ws, 20, 25);
      for (const actor of actors) {
        const answer = await kept(actor);
        expect(answer.stderr).toContain('ccac: read the rows of 1 of 3 scopes\n');
        const expected = await whole(actor);
        expect([answer.code, answer.stdout], actor).toEqual([expected.code, expected.stdout]);
      }
      const pieter = JSON.parse((await kept(PIETER)).stdout) as JsonPlan;
      expect(pieter.changes.map((c) => c.address)).toEqual(['alnoor-bank/Queue/Retail_Hotline']);
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'a saved plan takes the tenants that did not change from the store: the same plan file',
    async () => {
      const ws = await cliWorkspace(target);
      expect((await ws.apply(PIETER)).code).toBe(0);
      const every = await ws.run(['plan', 'config'], { ...DEBUG, CCAC_CACHE: 'off' });
      const files = /ccac: parsed (\d+) of \1 files/.exec(every.stderr)?.[1];
      expect(Number(files)).toBeGreaterThan(2);
      await retailHotlineThreshold(ws, 20, 25);
      const save = (file: string, env: Record<string, string>) =>
        ws.run(['plan', 'config', '--actor', PIETER, '--out', file, '--format', 'markdown'], env);

      const kept = await save('kept.json', DEBUG);
      expect(kept.stderr).toContain('ccac: checked alnoor-bank again for 1 changed files\n');
      // vandijk-retail's files are never loaded: its rows stand for them.
      expect(kept.stderr).toContain('ccac: 1 unchanged tenants taken from the store\n');
      expect(kept.stderr).not.toContain(`of ${files} files`);
      const whole = await save('whole.json', { CCAC_CACHE: 'off' });
      expect([kept.code, kept.stdout]).toEqual([whole.code, whole.stdout]);
      const savedFile = (file: string) => readFile(path.join(ws.dir, file), 'utf8');
      const keptPlan = await savedFile('kept.json');
      const wholePlan = await savedFile('whole.json');
      expect(keptPlan).toBe(wholePlan);
      expect(JSON.parse(keptPlan)).toMatchObject({
        changes: [expect.objectContaining({ address: 'alnoor-bank/Queue/Retail_Hotline' })],
      });

      // Applied, it records the configuration's digest as a plan of the whole would.
      expect((await ws.run(['apply', 'kept.json', '--actor', PIETER])).code).toBe(0);
      const [revision] = (await ws.revisions()).filter((r) => r.scope === 'alnoor-bank').slice(-1);
      expect(revision?.configDigest).toBe(
        (JSON.parse(wholePlan) as { configDigest: string }).configDigest,
      );
      expect((await ws.run(['history', 'verify'])).code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
