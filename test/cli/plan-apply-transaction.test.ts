import { describe, expect, test } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * SPEC §6: an apply is one transaction. When any tenant of a multi-tenant apply cannot be
 * written — refused by authorization or a rule, or failing in the database half-way — no
 * tenant is written, and the store is byte-identical to what it was.
 */

const SCENARIO_TIMEOUT = 600_000;

const YOUSEF = 'yousef.alenezi@alnoor-bank.example'; // cc-service-admin of alnoor-bank only

async function editBothQueues(ws: CliWorkspace, step: number) {
  await ws.edit(
    'alnoor-bank/queues.yaml',
    `timeoutSeconds: ${45 + step - 1}\n`,
    `timeoutSeconds: ${45 + step}\n`,
  );
  await ws.edit(
    'vandijk-retail/queues.yaml',
    `timeoutSeconds: ${60 + step - 1}\n`,
    `timeoutSeconds: ${60 + step}\n`,
  );
}

async function withStore<T>(
  ws: CliWorkspace,
  work: (query: (sql: string, params?: unknown[]) => Promise<unknown>) => Promise<T>,
) {
  const store = await openStore(ws.url, { cwd: ws.dir });
  try {
    return await work((sql, params) => store.db.query(sql, params));
  } finally {
    await store.close();
  }
}

describe.each(storeTargets())('one transaction per apply on $dialect', (target) => {
  test(
    'a multi-tenant apply refused for one tenant, or failing half-way, writes neither',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      await editBothQueues(ws, 1);
      const start = await ws.dump();

      // Allowed in alnoor-bank, unknown in vandijk-retail.
      const denied = await ws.apply(YOUSEF);
      expect(denied.stdout + denied.stderr).toContain(
        `Tenant/vandijk-retail: error AUTHZ_UNKNOWN_ACTOR ${YOUSEF} is not a user of tenant vandijk-retail`,
      );
      expect(denied.code).toBe(1);
      expect(await ws.dump()).toBe(start);

      // A rule error in one tenant blocks the other.
      await ws.edit(
        'vandijk-retail/tenant.yaml',
        'countryOfOperation: NL',
        'countryOfOperation: BE',
      );
      const ruled = await ws.apply(PIETER);
      expect(ruled.stdout).toContain('TENANT_COUNTRY_IMMUTABLE');
      expect(ruled.code).toBe(1);
      expect(await ws.dump()).toBe(start);
      await ws.edit(
        'vandijk-retail/tenant.yaml',
        'countryOfOperation: BE',
        'countryOfOperation: NL',
      );

      // The database refuses vandijk-retail's revision after alnoor-bank's was written
      // (scopes are recorded in sorted order): a row already holds vandijk-retail@2.
      await withStore(ws, (query) =>
        query(
          `insert into revisions (scope, revision, id, actor, actor_role, created_at, config_digest,
                                  git_commit, plan_digest, counts, prev_hash, hash)
           select scope, 2, id + 1000, actor, actor_role, created_at, config_digest, git_commit,
                  'sha256:blocker', counts, hash, 'blocker'
             from revisions where scope = 'vandijk-retail' and revision = 1`,
        ),
      );
      const blocked = await ws.dump();
      const crashed = await ws.apply(PIETER);
      expect(crashed.code).toBe(1);
      expect(crashed.stderr).not.toContain('Apply complete');
      expect(crashed.stderr).toMatch(/error STORE .*revision/);
      expect(crashed.stderr).not.toMatch(/\n\s+at /); // a diagnostic, not a stack trace
      expect(await ws.dump()).toBe(blocked);

      await withStore(ws, (query) => query(`delete from revisions where hash = 'blocker'`));
      expect(await ws.dump()).toBe(start);
      const applied = await ws.apply(PIETER);
      expect(applied.stderr).toContain('Revisions: alnoor-bank@2, vandijk-retail@2.');
      expect(applied.code).toBe(0);
      expect((await ws.planJson()).plan.changes).toEqual([]);
    },
    SCENARIO_TIMEOUT,
  );
});
