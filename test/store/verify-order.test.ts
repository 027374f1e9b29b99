import { describe, expect, it } from 'vitest';
import { verifiedScopes, verifyStore } from '../../src/audit/verify-store.js';
import type { Database } from '../../src/store/database.js';
import { SqlStateStore } from '../../src/store/sql-state-store.js';
import { openStoreBeside } from '../../src/store/store-beside.js';
import { storeTargets } from '../helpers/databases.js';
import { queues, revisionOf } from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };

/** The store over one session (no openSession, as PGlite), every statement it is asked logged. */
function oneSession(store: SqlStateStore, log: string[]): SqlStateStore {
  const db: Database = {
    dialect: store.db.dialect,
    query: (sql, params) => {
      log.push(sql);
      return store.db.query(sql, params);
    },
    copyFrom: (table, columns, rows) => store.db.copyFrom(table, columns, rows),
    transaction: (work) => store.db.transaction(work),
    close: () => store.db.close(),
  };
  return new SqlStateStore(db);
}

/** readPackedChanges' query, whichever joins the changes (the database or the reader). */
const isChainRead = (sql: string) => sql.includes('revision >= $2 and revision <= $3');
const isComparison = (sql: string) => sql.includes('full join recorded');

describe.each(storeTargets())('verifying the store over one session on $dialect', (target) => {
  it("asks every chain's rows before the comparison and the push records", async () => {
    const store = await target.open();
    for (const scope of ['acme', 'beta', 'gamma'])
      await store.withLockedScopes([scope], LOCK, async (tx) => {
        const changes = queues(scope, 2);
        await tx.writeChanges(changes);
        return { commit: true, value: await tx.recordRevision(revisionOf(scope, changes)) };
      });
    await store.db.query(`update resources set value = '{"spec": {}}' where name = 'q00001'
                           and scope = 'beta'`);
    const log: string[] = [];
    const single = oneSession(store, log);
    const beside = openStoreBeside(single);
    try {
      const scopes = await verifiedScopes(single, []);
      const results = await verifyStore(single, {
        scopes,
        beside: beside.store,
        chainsAsked: beside.ownAsked,
      });
      // Still verified as before: the edited row is found.
      expect(results.map((r) => [r.scope, r.problem?.kind ?? null])).toEqual([
        ['acme', null],
        ['beta', 'drift'],
        ['gamma', null],
      ]);
    } finally {
      await beside.close();
    }
    const lastChainRead = log.findLastIndex(isChainRead);
    expect(log.filter(isChainRead)).toHaveLength(3);
    expect(log.findIndex(isComparison)).toBeGreaterThan(lastChainRead);
    expect(log.findIndex((sql) => sql.includes('from webex_pushes'))).toBeGreaterThan(
      lastChainRead,
    );
  });

  it('lets the reads beside go when the chains cannot be read', async () => {
    const store = await target.open();
    const single = oneSession(store, []);
    single.readRevisions = () => Promise.reject(new Error('no revisions'));
    const beside = openStoreBeside(single);
    let asked = false;
    await expect(
      verifyStore(single, {
        scopes: ['acme'],
        beside: beside.store,
        chainsAsked: () => {
          asked = true;
          beside.ownAsked();
        },
      }),
    ).rejects.toThrow('no revisions');
    expect(asked).toBe(true);
    expect(await beside.store).toBe(single);
    await beside.close();
  });
});
