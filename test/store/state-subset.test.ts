import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { applyRevisions, queues, revisionOf } from './fixtures/changes.js';
import type { Queryable } from '../../src/store/database.js';
import { readStateSubset } from '../../src/store/read-state-subset.js';

describe.each(storeTargets())('part of the stored state on $dialect', (target) => {
  it('reads the rows asked for and whole scopes, with every row of each scope counted', async () => {
    const store = await target.open();
    await applyRevisions(store, [
      revisionOf('acme', queues('acme', 3)),
      revisionOf('beta', queues('beta', 2)),
    ]);
    await store.db.query(
      `update resources set value = jsonb_set(value, '{spec,i}', '99')
        where scope = 'beta' and name = 'q00001'`,
    );

    const subset = await store.withLockedScopes(
      ['acme', 'beta'],
      { lockTimeoutMs: 5000 },
      async (tx) => ({
        commit: false,
        value: await tx.readStateSubset({
          scopes: ['acme', 'beta', 'nobody'],
          whole: ['beta'],
          keys: [
            { scope: 'acme', kind: 'Queue', name: 'q00002' },
            { scope: 'acme', kind: 'Queue', name: 'absent' },
            { scope: 'beta', kind: 'Queue', name: 'q00000' },
          ],
        }),
      }),
    );
    expect([...subset.model.byAddress.keys()]).toEqual([
      'acme/Queue/q00002',
      'beta/Queue/q00000',
      'beta/Queue/q00001',
    ]);
    expect(subset.revisions).toEqual(
      new Map([
        ['acme', 1],
        ['beta', 1],
        ['nobody', 0],
      ]),
    );
    expect(subset.integrity).toEqual(
      new Map([
        ['acme', { rows: 3, intact: true, recorded: 3 }],
        ['beta', { rows: 2, intact: false, recorded: 2 }],
        ['nobody', { rows: 0, intact: true, recorded: 0 }],
      ]),
    );
    // As the whole read gives them: a row ccac wrote keeps its hash, an edited one is hashed again.
    const whole = await store.readState(['acme', 'beta']);
    for (const [address, resource] of subset.model.byAddress) {
      const read = whole.model.byAddress.get(address)!;
      expect(resource.hash).toBe(read.hash);
      expect([resource.tenant, resource.spec]).toEqual([read.tenant, read.spec]);
    }
    // Rows read as one JSON text (PGlite's way) or row by row (PostgreSQL's): the same state.
    const request = {
      scopes: ['acme', 'beta', 'nobody'],
      whole: ['beta'],
      keys: [{ scope: 'acme' as const, kind: 'Queue' as const, name: 'q00002' }],
    };
    const as = (packsRows: boolean): Queryable => ({
      packsRows,
      query: (sql, params) => store.db.query(sql, params),
      copyFrom: (table, columns, rows) => store.db.copyFrom(table, columns, rows),
    });
    const [packed, rows] = [
      await readStateSubset(as(true), request),
      await readStateSubset(as(false), request),
    ];
    expect(packed.model.byAddress.size).toBe(3);
    expect([...packed.model.byAddress.values()].map((r) => [r.address, r.hash, r.spec])).toEqual(
      [...rows.model.byAddress.values()].map((r) => [r.address, r.hash, r.spec]),
    );
    expect([packed.revisions, packed.integrity]).toEqual([rows.revisions, rows.integrity]);
  });

  it("tells each scope's base revision's chain hash, none for revision 0", async () => {
    const store = await target.open();
    const [recorded] = await applyRevisions(store, [revisionOf('acme', queues('acme', 1))]);
    const hashes = await store.revisionHashes({
      acme: { baseRevision: 1 },
      beta: { baseRevision: 0 },
      gamma: { baseRevision: 4 },
    });
    expect(hashes).toEqual(new Map([['acme', recorded!.hash]]));
  });
});
