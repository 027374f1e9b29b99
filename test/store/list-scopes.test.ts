import { describe, expect, it } from 'vitest';
import { storeTargets } from '../helpers/databases.js';
import { queues, revisionOf } from './fixtures/changes.js';

const LOCK = { lockTimeoutMs: 5_000 };

describe.each(storeTargets())('listing scopes on $dialect', (target) => {
  it('lists the scopes ccac wrote and every scope holding rows other SQL inserted, once each', async () => {
    const store = await target.open();
    for (const scope of ['beta', 'delta']) {
      const changes = queues(scope, 3);
      await store.withLockedScopes([scope], LOCK, async (tx) => {
        await tx.writeChanges(changes);
        return { commit: true, value: await tx.recordRevision(revisionOf(scope, changes)) };
      });
    }
    // Scopes ccac never wrote, before, between and after its own, a few rows each.
    await store.db.query(
      `insert into resources (scope, kind, name, tenant, value, hash)
       select scope, 'Queue', 'q' || n, scope, '{"spec": {}}', 'x'
         from unnest(array['alpha', 'charlie', 'echo']) scope, generate_series(1, 3) n`,
    );
    expect(await store.listScopes()).toEqual(['alpha', 'beta', 'charlie', 'delta', 'echo']);
  });

  it('lists no scope in an empty store', async () => {
    const store = await target.open();
    expect(await store.listScopes()).toEqual([]);
  });
});
