import { describe, expect, test } from 'vitest';
import type { ResourceChange } from '../../src/model/plan.js';
import { openStore } from '../../src/store/open-store.js';
import { revisionHash } from '../../src/store/revision-hash.js';
import type { SqlStateStore } from '../../src/store/sql-state-store.js';
import { cliWorkspace, PIETER, type CliWorkspace } from '../helpers/cli-store.js';
import { storeTargets } from '../helpers/databases.js';

/**
 * `ccac history verify` through the built CLI, tampered with in SQL the way someone with database
 * access could. The examples are applied for real; four more tenants get three-revision chains
 * recorded by the store itself, so that one run shows a different tampering in each tenant (a CLI
 * start on PGlite costs seconds) and each line must name exactly its tenant's first bad revision.
 */
const SCENARIO_TIMEOUT = 300_000;

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

function queueChange(tenant: string, revision: number): ResourceChange {
  const after = { spec: { channelType: 'chat', revision } } as unknown as ResourceChange['after'];
  return {
    address: `${tenant}/Queue/q${revision}`,
    tenant,
    kind: 'Queue',
    name: `q${revision}`,
    action: 'create',
    before: null,
    after,
    fields: [],
  };
}

/** Three revisions per tenant, two changes each, recorded as an apply would record them. */
async function recordChains(store: SqlStateStore, tenants: readonly string[]): Promise<void> {
  for (const revision of [1, 2, 3]) {
    for (const scope of tenants) {
      const changes = [queueChange(scope, revision * 10), queueChange(scope, revision * 10 + 1)];
      await store.withLockedScopes([scope], { lockTimeoutMs: 5_000 }, async (tx) => {
        await tx.writeChanges(changes);
        const value = await tx.recordRevision({
          scope,
          actor: PIETER,
          actorRole: 'full-admin',
          configDigest: 'c'.repeat(64),
          gitCommit: null,
          planDigest: `sha256:${scope}-${revision}`,
          changes,
        });
        return { commit: true, value };
      });
    }
  }
}

describe.each(storeTargets())('history verify on $dialect', (target) => {
  test(
    'an intact chain verifies; each tampering names its tenant’s first bad revision and exits 1',
    async () => {
      const ws = await cliWorkspace(target, { applied: true });
      const tenants = ['acme', 'globex', 'initech', 'umbrella'];
      await withSql(ws, (store) => recordChains(store, tenants));
      const id = new Map((await ws.revisions()).map((r) => [`${r.scope}@${r.revision}`, r.id]));

      const intact = await ws.run(['history', 'verify']);
      expect(intact.stdout).toBe('15 revisions in 7 scopes verified\n');
      // The reads are asked at once; pg must not be left to queue them (it warns, pg 9 refuses).
      expect(intact.stderr).toBe('');
      expect(intact.code).toBe(0);

      await withSql(ws, async (store) => {
        const { db } = store;
        // alnoor-bank (a real apply): one change row's `after` edited.
        await db.query(
          `update changes set after = jsonb_set(after, '{spec,serviceLevelThresholdSeconds}', '99')
            where scope = 'alnoor-bank' and revision = 1 and address = 'alnoor-bank/Queue/Retail_Hotline'`,
        );
        // acme: the actor of revision 2 edited.
        await db.query(
          `update revisions set actor = 'mallory@evil.example' where scope = 'acme' and revision = 2`,
        );
        // globex: one change row of revision 3 deleted.
        await db.query(
          `delete from changes where scope = 'globex' and revision = 3 and address = 'globex/Queue/q31'`,
        );
        // initech: revision 2 deleted (its change rows first: they reference it).
        await db.query(`delete from changes where scope = 'initech' and revision = 2`);
        await db.query(`delete from revisions where scope = 'initech' and revision = 2`);
        // umbrella: revision 2 forged and re-hashed to match: revision 3's link is what breaks.
        const [forged] = (await store.readRevisions(['umbrella'])).filter((r) => r.revision === 2);
        const fields = { ...forged!, actor: 'mallory@evil.example' };
        const changes = await store.readChanges('umbrella', { from: 2, upTo: 2 });
        await db.query(
          `update revisions set actor = $1, hash = $2 where scope = 'umbrella' and revision = 2`,
          [fields.actor, revisionHash(fields, changes)],
        );
        // vandijk-retail: its only revision deleted; the scope's counter still says 1.
        await db.query(`delete from changes where scope = 'vandijk-retail'`);
        await db.query(`delete from revisions where scope = 'vandijk-retail'`);
      });

      const broken = await ws.run(['history', 'verify']);
      expect(broken.stdout).toBe(
        [
          `acme: revision 2 (id ${id.get('acme@2')}) was altered: its hash does not match its content`,
          `alnoor-bank: revision 1 (id ${id.get('alnoor-bank@1')}) was altered: its hash does not match its content`,
          `globex: revision 3 (id ${id.get('globex@3')}) was altered: its hash does not match its content`,
          'initech: revision 2 is missing',
          "umbrella: revision 3's prev_hash does not match revision 2",
          'vandijk-retail: revision 1 is missing',
          '',
          'Verification failed in 6 scopes of 7 (13 revisions in 7 scopes checked).',
          '',
        ].join('\n'),
      );
      expect(broken.code).toBe(1);

      const json = await ws.run(['history', 'verify', '--format', 'json', '--tenant', 'initech']);
      expect(JSON.parse(json.stdout)).toEqual({
        intact: false,
        revisions: 2,
        anchors: 0,
        scopes: [
          {
            scope: 'initech',
            revisions: 2,
            intact: false,
            problem: { kind: 'missing', revision: 2, message: 'initech: revision 2 is missing' },
          },
        ],
      });
      expect(json.code).toBe(1);

      // Untouched scopes still verify on their own.
      const organizations = await ws.run(['history', 'verify', '--tenant', 'organizations']);
      expect(organizations.stdout).toBe('1 revision in 1 scope verified\n');
      expect(organizations.code).toBe(0);
    },
    SCENARIO_TIMEOUT,
  );
});
