import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { queues, revisionOf } from './fixtures/changes.js';
import { killHard, spawnStoreChild } from './fixtures/spawn-child.js';

describe.each(storeTargets())('a crash mid-apply on $dialect', (target) => {
  it('leaves the store as it was (kill -9 of the applying process)', async () => {
    const url = await target.freshUrl();
    const before = await target.open(url);
    const base = queues('acme', 10);
    await before.withLockedScopes(['acme'], { lockTimeoutMs: 5_000 }, async (tx) => {
      await tx.writeChanges(base);
      return { commit: true, value: await tx.recordRevision(revisionOf('acme', base)) };
    });
    const expected = await before.readState(['acme']);
    await before.close();

    const child = spawnStoreChild('crash', url);
    expect(await child.first).toMatchObject({ pid: child.process.pid });
    await killHard(child);

    const after = await target.open(url);
    const state = await after.readState(['acme']);
    expect(state.revisions.get('acme')).toBe(1);
    expect([...state.model.byAddress.values()]).toEqual([...expected.model.byAddress.values()]);
    expect(await after.planApplied('crash-plan')).toBe(false);
    expect(await after.readChanges('acme')).toHaveLength(10);
    // The dead connection's scope lock is gone too: the next apply gets it at once.
    const next = await after.withLockedScopes(['acme'], { lockTimeoutMs: 2_000 }, async (tx) => ({
      commit: true,
      value: await tx.recordRevision(revisionOf('acme', [])),
    }));
    expect(next.revision).toBe(2);
  });
});
