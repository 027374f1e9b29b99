import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { applyRevisions, queues, revisionOf } from './fixtures/changes.js';

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
