import { describe, expect, it } from 'vitest';
import type { ResourceValue } from '../../src/model/model.js';
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

  it('takes the value held for a keyed row only where ccac wrote it and it hashes to it', async () => {
    const store = await target.open();
    await applyRevisions(store, [revisionOf('acme', queues('acme', 4))]);
    const stored = (await store.readState(['acme'])).model;
    const [q0, q1, q2, q3] = ['q00000', 'q00001', 'q00002', 'q00003'].map((n) =>
      stored.get('Queue', n, 'acme'),
    );
    // q00001 edited outside ccac: its value is read whatever is held for it.
    await store.db.query(
      `update resources set value = jsonb_set(value, '{spec,i}', '99')
        where scope = 'acme' and name = 'q00001'`,
    );
    // A value unlike the row's own, to tell which was taken.
    const held = (hash: string) => ({
      value: { spec: { held: true } } as unknown as ResourceValue,
      hash,
    });
    const subset = await store.withLockedScopes(['acme'], { lockTimeoutMs: 5000 }, async (tx) => ({
      commit: false,
      value: await tx.readStateSubset({
        scopes: ['acme'],
        whole: [],
        keys: [
          { scope: 'acme', kind: 'Queue', name: 'q00000', held: held(q0!.hash) },
          { scope: 'acme', kind: 'Queue', name: 'q00001', held: held(q1!.hash) },
          { scope: 'acme', kind: 'Queue', name: 'q00002', held: held('another hash') },
          { scope: 'acme', kind: 'Queue', name: 'absent', held: held(q0!.hash) },
          // Asked for also without a value held (as authorization's rows are): read.
          { scope: 'acme', kind: 'Queue', name: 'q00003', held: held(q3!.hash) },
          { scope: 'acme', kind: 'Queue', name: 'q00003' },
        ],
      }),
    }));
    const read = (address: string) => subset.model.byAddress.get(address);
    // The held value stands for the row (as its stored hash does for a row read), hash and all.
    expect([read('acme/Queue/q00000')?.spec, read('acme/Queue/q00000')?.hash]).toEqual([
      { held: true },
      q0!.hash,
    ]);
    expect(read('acme/Queue/q00001')?.spec).toMatchObject({ i: 99 });
    expect(read('acme/Queue/q00001')?.hash).not.toBe(q1!.hash);
    expect([read('acme/Queue/q00002')?.spec, read('acme/Queue/q00002')?.hash]).toEqual([
      q2!.spec,
      q2!.hash,
    ]);
    expect(read('acme/Queue/absent')).toBeUndefined();
    expect(read('acme/Queue/q00003')?.spec).toEqual(q3!.spec);
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
