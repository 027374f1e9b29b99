import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliWorkspace, withCode, type JsonPlan } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * `ccac drift` and the DRIFT warnings of `ccac plan`, through the built CLI: the examples are
 * applied, then the stored state is edited in SQL behind ccac's back.
 */
const SCENARIO_TIMEOUT = 300_000;

describe.each(storeTargets())('drift on $dialect', (target) => {
  test(
    'resources changed or deleted outside ccac are drift (exit 2); plan warns about each',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });

      const clean = await ws.run(['drift', '--detailed-exitcode']);
      expect(clean.stdout).toBe(
        'No drift. The stored state is what the recorded revisions wrote.\n',
      );
      expect(clean.code).toBe(0);

      const store = await openStore(ws.url, { cwd: ws.dir });
      try {
        await store.db.query(
          `update resources set value = jsonb_set(value, '{spec,serviceLevelThresholdSeconds}', '99')
            where scope = 'alnoor-bank' and kind = 'Queue' and name = 'Retail_Hotline'`,
        );
        await store.db.query(
          `delete from resources where scope = 'vandijk-retail' and kind = 'Team' and name = 'Webshop_Care'`,
        );
      } finally {
        await store.close();
      }

      const text = await ws.run(['drift', '--detailed-exitcode']);
      expect(text.stderr).toBe('');
      expect(text.code).toBe(2);
      expect(text.stdout).toContain(
        '  - vandijk-retail/Team/Webshop_Care was deleted outside ccac\n',
      );
      expect(text.stdout).toContain(
        '  ~ alnoor-bank/Queue/Retail_Hotline was changed outside ccac\n' +
          '      ~ spec.serviceLevelThresholdSeconds: 20 → 99\n',
      );
      expect(text.stdout).toMatch(/Drift: 0 created, 1 changed, 1 deleted outside ccac\.\n$/);

      // Without --detailed-exitcode drift is a finding, not a failure.
      const json = await ws.run(['drift', '--format', 'json', '--tenant', 'alnoor-bank']);
      expect(json.code).toBe(0);
      const drift = JSON.parse(json.stdout) as JsonPlan;
      expect(drift.tenants).toEqual({ 'alnoor-bank': { baseRevision: 1 } });
      expect(drift.changes).toEqual([
        expect.objectContaining({
          address: 'alnoor-bank/Queue/Retail_Hotline',
          action: 'update',
          fields: [{ path: 'spec.serviceLevelThresholdSeconds', before: 20, after: 99 }],
        }),
      ]);
      expect(drift.summary).toEqual({ create: 0, update: 1, delete: 0 });

      const untouched = await ws.run(['drift', '--tenant', 'organizations', '--detailed-exitcode']);
      expect(untouched.code).toBe(0);

      // plan puts the files back and says why those resources change.
      const plan = await ws.planJson();
      expect(plan.code).toBe(0);
      expect(withCode(plan.plan.diagnostics, 'DRIFT')).toEqual([
        {
          severity: 'warning',
          code: 'DRIFT',
          message: 'changed outside ccac since revision 1',
          address: 'alnoor-bank/Queue/Retail_Hotline',
        },
        {
          severity: 'warning',
          code: 'DRIFT',
          message: 'changed outside ccac since revision 1',
          address: 'vandijk-retail/Team/Webshop_Care',
        },
      ]);
      expect(plan.plan.changes.map((c) => [c.address, c.action])).toEqual([
        ['alnoor-bank/Queue/Retail_Hotline', 'update'],
        ['vandijk-retail/Team/Webshop_Care', 'create'],
      ]);
      const planText = await ws.run(['plan', 'config', '--tenant', 'alnoor-bank']);
      expect(planText.stdout).toContain(
        'alnoor-bank/Queue/Retail_Hotline: warning DRIFT changed outside ccac since revision 1\n',
      );
      expect(planText.stdout).not.toContain('Webshop_Care');
    },
    SCENARIO_TIMEOUT,
  );

  test(
    'a row renamed outside ccac is drift too, though its value and the row count are unchanged',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const store = await openStore(ws.url, { cwd: ws.dir });
      try {
        await store.db.query(
          `update resources set name = 'Collections_Old'
            where scope = 'alnoor-bank' and kind = 'Team' and name = 'Collections'`,
        );
      } finally {
        await store.close();
      }

      const plan = await ws.planJson(['--tenant', 'alnoor-bank']);
      expect(plan.code).toBe(0);
      expect(withCode(plan.plan.diagnostics, 'DRIFT').map((d) => [d.address, d.message])).toEqual([
        ['alnoor-bank/Team/Collections', 'changed outside ccac since revision 1'],
        ['alnoor-bank/Team/Collections_Old', 'changed outside ccac since revision 1'],
      ]);
      expect(plan.plan.changes.map((c) => [c.address, c.action])).toEqual([
        ['alnoor-bank/Team/Collections', 'create'],
        ['alnoor-bank/Team/Collections_Old', 'delete'],
      ]);
    },
    SCENARIO_TIMEOUT,
  );
});
