import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../src/store/database.js';
import { verifiedScopes, verifyStore } from '../../src/audit/verify-store.js';
import { SqlStateStore } from '../../src/store/sql-state-store.js';
import { storeTargets } from '../helpers/databases.js';
import type { ResourceChange } from '../../src/model/plan.js';
import {
  DIGESTS,
  applyRevisions,
  create,
  queues,
  remove,
  revisionOf,
  update,
  value,
} from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };

/** Each scope's revision chain as `history verify` finds it: [scope, problem or null]. */
async function chainProblems(store: SqlStateStore) {
  return (await verifyAll(store)).map(({ scope, problem }) => [scope, problem]);
}

/** verifyStore of every stored scope, as `history verify` without arguments runs it. */
async function verifyAll(store: SqlStateStore) {
  return verifyStore(store, { scopes: await verifiedScopes(store, []) });
}

describe.each(storeTargets())('state store on $dialect', (target) => {
  it('reads back what it wrote, for the requested scopes only', async () => {
    const store = await target.open();
    const org = create(null, 'Organization', 'partner-co', value({ provisioningPartner: true }));
    const tenant = create(
      null,
      'Tenant',
      'acme',
      value({ partner: 'partner-co', timezone: 'UTC' }),
    );
    const user = create(
      'acme',
      'User',
      'ann@acme.example',
      value({ organization: 'partner-co' }, { team: 'a' }),
    );
    const other = create(null, 'Tenant', 'beta', value({ timezone: 'UTC' }));
    await store.withLockedScopes(['_global', 'acme', 'beta'], LOCK, async (tx) => {
      await tx.writeChanges([org, tenant, user, other]);
      return { commit: true, value: undefined };
    });

    const state = await store.readState(['acme', '_global', 'nobody']);
    expect([...state.model.byAddress.keys()].sort()).toEqual([
      'Organization/partner-co',
      'Tenant/acme',
      'acme/User/ann@acme.example',
    ]);
    const stored = state.model.get('User', 'ann@acme.example', 'acme');
    expect(stored).toMatchObject({
      tenant: 'acme',
      labels: { team: 'a' },
      spec: { organization: 'partner-co' },
    });
    expect(state.model.get('Tenant', 'acme')?.tenant).toBeNull();
    expect(state.revisions).toEqual(
      new Map([
        ['acme', 0],
        ['_global', 0],
        ['nobody', 0],
      ]),
    );
    expect(await store.listScopes()).toEqual(['_global', 'acme', 'beta']);
    expect(await store.organizationReferences(['partner-co', 'none'])).toEqual([
      { address: 'Tenant/acme', organization: 'partner-co' },
      { address: 'acme/User/ann@acme.example', organization: 'partner-co' },
    ]);
  });

  it('gives a stored resource the same hash as the planner computes', async () => {
    const store = await target.open();
    const { hashed } = await import('../../src/model/canonicalize.js');
    const after = value({ b: 1, a: [3, 2], nested: { z: true, y: null } }, { k: 'v' });
    await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges([create('acme', 'Team', 't1', after)]);
      return { commit: true, value: undefined };
    });
    const state = await store.readState(['acme']);
    expect(state.model.get('Team', 't1', 'acme')?.hash).toBe(hashed(after).hash);
  });

  it('writes 5,000 changes in a few statements, then updates and deletes them', async () => {
    const store = await target.open();
    const counted = countingStore(store.db);
    const changes = queues('acme', 5_000);
    await counted.store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      return { commit: true, value: undefined };
    });
    expect(counted.queries()).toBeLessThan(20);
    expect((await store.readState(['acme'])).model.size).toBe(5_000);

    const updates = changes
      .slice(0, 2_500)
      .map((c) => update(c, value({ channelType: 'chat', version: 2 })));
    const deletes = changes.slice(2_500).map(remove);
    await counted.store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges([...updates, ...deletes]);
      await tx.recordRevision(revisionOf('acme', [...updates, ...deletes]));
      return { commit: true, value: undefined };
    });
    expect(counted.queries()).toBeLessThan(40);
    const state = await store.readState(['acme']);
    expect(state.model.size).toBe(2_500);
    expect(state.model.get('Queue', 'q00000', 'acme')?.spec).toEqual({
      channelType: 'chat',
      version: 2,
    });
    expect(state.model.get('Queue', 'q02500', 'acme')).toBeUndefined();
    const recorded = await store.readChanges('acme');
    expect(recorded).toHaveLength(5_000);
  });

  it('rolls back when work declines to commit or throws', async () => {
    const store = await target.open();
    const changes = queues('acme', 3);
    const declined = await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      await tx.recordRevision(revisionOf('acme', changes));
      return { commit: false, value: 'declined' };
    });
    expect(declined).toBe('declined');
    const failure = new Error('rule error');
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => {
        await tx.writeChanges(changes);
        throw failure;
      }),
    ).rejects.toBe(failure);
    const state = await store.readState(['acme']);
    expect(state.model.size).toBe(0);
    expect(state.revisions.get('acme')).toBe(0);
    expect(await store.listScopes()).toEqual([]);
    expect(await store.planApplied('plan-acme')).toBe(false);
  });

  it('knows which plans were applied', async () => {
    const store = await target.open();
    const changes = queues('acme', 1);
    await store.withLockedScopes(['acme'], LOCK, async (tx) => {
      await tx.writeChanges(changes);
      await tx.recordRevision(revisionOf('acme', changes, 'digest-1'));
      return { commit: true, value: undefined };
    });
    expect(await store.planApplied('digest-1')).toBe(true);
    expect(await store.planApplied('digest-2')).toBe(false);
  });

  it('rolls back everything when the database refuses copied rows, and stays usable', async () => {
    const store = await target.open();
    const good = queues('acme', 3);
    // jsonb refuses \u0000: the COPY fails on the server, after the rows before it were sent.
    const refused = create('acme', 'Queue', 'zz', value({ name: 'nul\u0000' }));
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => ({
        commit: true,
        value: await tx.applyRevisions([revisionOf('acme', [...good, refused])], new Map(), {
          digests: DIGESTS,
        }),
      })),
    ).rejects.toMatchObject({
      name: 'StoreError',
      code: 'STORE',
      message: expect.stringContaining('Unicode'),
    });
    const state = await store.readState(['acme']);
    expect(state.model.size).toBe(0);
    expect(state.revisions.get('acme')).toBe(0);
    expect(await store.readChanges('acme')).toEqual([]);

    await store.withLockedScopes(['acme'], LOCK, async (tx) => ({
      commit: true,
      value: await tx.applyRevisions([revisionOf('acme', good)], new Map(), { digests: DIGESTS }),
    }));
    expect((await store.readState(['acme'])).model.size).toBe(3);
  });

  it('seals the revisions with digests asked for once, as the writes start, and awaited', async () => {
    const store = await target.open();
    let asked = 0;
    const told: number[] = [];
    let toldWhenAsked: number | undefined;
    const digests = async () => {
      asked++;
      toldWhenAsked = told.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { configDigest: 'sha256:later-config', planDigest: 'sha256:later-plan' };
    };
    const records = await store.withLockedScopes(['acme', 'beta'], LOCK, async (tx) => ({
      commit: true,
      value: await tx.applyRevisions(
        [revisionOf('acme', queues('acme', 3)), revisionOf('beta', queues('beta', 2))],
        new Map(),
        { digests, onProgress: (written) => told.push(written) },
      ),
    }));
    expect(asked).toBe(1);
    // Asked before any row was made: they are made while the database takes the rows.
    expect(toldWhenAsked).toBe(0);
    expect(told).toEqual([5]);
    for (const record of records)
      expect(record).toMatchObject({
        configDigest: 'sha256:later-config',
        planDigest: 'sha256:later-plan',
      });
    expect(await store.planApplied('sha256:later-plan')).toBe(true);
    const verified = await verifyAll(store);
    expect(verified.map(({ problem }) => problem)).toEqual([null, null]);
  });

  it('writes nothing when the digests fail, and tells their failure', async () => {
    const store = await target.open();
    const digests = () => Promise.reject(new Error('no digest today'));
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => ({
        commit: true,
        value: await tx.applyRevisions([revisionOf('acme', queues('acme', 3))], new Map(), {
          digests,
        }),
      })),
    ).rejects.toThrow('no digest today');
    expect((await store.readState(['acme'])).model.size).toBe(0);
    expect(await store.readChanges('acme')).toEqual([]);
  });

  it('records each change as planned, whichever way its row went: copied, staged or upserted', async () => {
    const store = await target.open();
    const [q0, q1, q2] = queues('acme', 3);
    const org = create(null, 'Organization', 'org-1', value({ type: 'customer' }));
    const tenant = create('acme', 'Tenant', 'acme', value({ timezone: 'Europe/Amsterdam' }));
    await applyRevisions(store, [
      revisionOf('_global', [org]),
      revisionOf('acme', [tenant, q0!, q1!]),
    ]);
    // A row other SQL inserted since the plan: the creates go as upserts through the stage.
    await store.db.query(
      `insert into resources (scope, kind, name, tenant, value, hash)
       values ('acme', 'Queue', 'q00002', 'acme', '{"spec": {}}', 'x')`,
    );
    const second = [update(q0!, value({ channelType: 'email' })), remove(q1!), q2!];
    await applyRevisions(store, [revisionOf('acme', second)]);

    type Recorded = Pick<
      ResourceChange,
      'address' | 'kind' | 'name' | 'action' | 'before' | 'after'
    >;
    const recorded = (change: Recorded) => ({
      address: change.address,
      kind: change.kind,
      name: change.name,
      action: change.action,
      before: change.before,
      after: change.after,
    });
    const byAddress = (a: { address: string }, b: { address: string }) =>
      a.address < b.address ? -1 : 1;
    const acme = await store.readChanges('acme');
    expect(
      acme
        .filter((c) => c.revision === 1)
        .map(recorded)
        .sort(byAddress),
    ).toEqual([tenant, q0!, q1!].map(recorded).sort(byAddress));
    expect(
      acme
        .filter((c) => c.revision === 2)
        .map(recorded)
        .sort(byAddress),
    ).toEqual(second.map(recorded).sort(byAddress));
    expect((await store.readChanges('_global')).map(recorded)).toEqual([recorded(org)]);
    expect(await chainProblems(store)).toEqual([
      ['_global', null],
      ['acme', null],
    ]);
  });

  it('hashes revisions whose updated and created rows interleave, each in its order', async () => {
    const store = await target.open();
    const [a0, a1, a2, a3] = queues('acme', 4);
    const [b0, b1, b2] = queues('beta', 3);
    await applyRevisions(store, [revisionOf('acme', [a1!, a3!]), revisionOf('beta', [b0!])]);
    // Staged rows (updates, deletes) are written before the created ones are COPied: rows made
    // out of the revisions' order, whose changes are hashed once the writes end.
    await applyRevisions(store, [
      revisionOf('acme', [a0!, update(a1!, value({ channelType: 'email' })), a2!, remove(a3!)]),
      revisionOf('beta', [update(b0!, value({ channelType: 'chat' })), b1!, b2!]),
    ]);
    expect(await chainProblems(store)).toEqual([
      ['acme', null],
      ['beta', null],
    ]);
  });

  it('records changes given in any order as a revision that verifies, telling progress to the end', async () => {
    const store = await target.open();
    const shuffled = [...queues('acme', 6), ...queues('beta', 4)].reverse();
    const told: number[] = [];
    await store.withLockedScopes(['acme', 'beta'], LOCK, async (tx) => ({
      commit: true,
      value: await tx.applyRevisions(
        [revisionOf('beta', shuffled.slice(0, 4)), revisionOf('acme', shuffled.slice(4))],
        new Map(),
        { digests: DIGESTS, onProgress: (written) => told.push(written) },
      ),
    }));
    expect(told.at(-1)).toBe(10);
    expect(await chainProblems(store)).toEqual([
      ['acme', null],
      ['beta', null],
    ]);
  });

  it('writes creates past one COPY part, a revision that verifies; a refused row in the last part writes nothing', async () => {
    const store = await target.open();
    // About 12 MB of rows: more than one part of PGlite's COPY (8 MB each).
    const filler = 'x'.repeat(500);
    const big = (tenant: string) =>
      Array.from({ length: 24_000 }, (_, i) =>
        create(tenant, 'Queue', `q${String(i).padStart(5, '0')}`, value({ filler, i })),
      );
    const refused = create('acme', 'Queue', 'zz', value({ name: 'nul\u0000' }));
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => ({
        commit: true,
        value: await tx.applyRevisions([revisionOf('acme', [...big('acme'), refused])], new Map(), {
          digests: DIGESTS,
        }),
      })),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'STORE' });
    expect((await store.readState(['acme'])).model.size).toBe(0);
    expect(await store.readChanges('acme')).toEqual([]);

    // The same value object for several changes: its text made again where it was let go.
    const shared = value({ channelType: 'chat' });
    const twins = ['t1', 't2', 't3'].map((name) => create('beta', 'Queue', name, shared));
    const records = await store.withLockedScopes(['acme', 'beta', 'gamma'], LOCK, async (tx) => ({
      commit: true,
      value: await tx.applyRevisions(
        [
          revisionOf('gamma', queues('gamma', 2)),
          revisionOf('acme', big('acme')),
          revisionOf('beta', twins),
        ],
        new Map(),
        { digests: DIGESTS },
      ),
    }));
    // Ids increase in the drafts' order, whatever the scopes' names.
    expect(records.map(({ scope }) => scope)).toEqual(['gamma', 'acme', 'beta']);
    expect(records[0]!.id).toBeLessThan(records[1]!.id);
    expect(records[1]!.id).toBeLessThan(records[2]!.id);
    expect((await store.readState(['acme'])).model.size).toBe(24_000);
    expect(await store.readChanges('acme')).toHaveLength(24_000);
    expect(await chainProblems(store)).toEqual([
      ['acme', null],
      ['beta', null],
      ['gamma', null],
    ]);
  });

  it('turns SQL failures inside a transaction into StoreErrors', async () => {
    const store = await target.open();
    const bad = { ...queues('acme', 1)[0]!, after: null };
    await expect(
      store.withLockedScopes(['acme'], LOCK, async (tx) => {
        await tx.writeChanges([bad]);
        return { commit: true, value: undefined };
      }),
    ).rejects.toMatchObject({ name: 'StoreError', code: 'STORE' });
  });
});

/** The same store over a Database that counts statements: a wrapper, not a mock. */
function countingStore(db: Database) {
  let count = 0;
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => (count++, q.query(sql, params)),
    copyFrom: (table, columns, rows) => (count++, q.copyFrom(table, columns, rows)),
  });
  const counting: Database = {
    dialect: db.dialect,
    ...counted(db),
    transaction: (work) => db.transaction((tx) => work(counted(tx))),
    close: () => db.close(),
  };
  return {
    store: new SqlStateStore(counting),
    queries: () => {
      const n = count;
      count = 0;
      return n;
    },
  };
}
