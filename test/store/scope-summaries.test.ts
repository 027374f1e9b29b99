import { describe, expect, it } from 'vitest';
import { scopeDigest, type ScopeDigestInput } from '../../src/model/scope-digest.js';
import { storeTargets } from '../helpers/databases.js';
import { applyRevisions, create, queues, revisionOf, value } from './fixtures/changes.js';

describe.each(storeTargets())('scope summaries on $dialect', (target) => {
  it('sum up each scope as its rows would, digest included', async () => {
    const store = await target.open();
    // Names that sort differently by bytes and by locale, and a non-ASCII one.
    const acme = [
      ...queues('acme', 2),
      create('acme', 'Queue', 'Zeta', value({ channelType: 'chat' })),
      create('acme', 'Queue', 'alpha', value({ channelType: 'chat' }, { team: 'x' })),
      create('acme', 'Queue', 'Ünïcode', value({ channelType: 'email' })),
      create('acme', 'Tenant', 'acme', value({ countryOfOperation: 'NL' })),
    ];
    await applyRevisions(store, [revisionOf('acme', acme), revisionOf('beta', queues('beta', 1))]);

    const summaries = await store.scopeSummaries(['acme', 'beta', 'nobody']);
    const state = await store.readState(['acme', 'beta']);
    for (const scope of ['acme', 'beta']) {
      const rows = [...state.model.byAddress.values()].filter(
        (r) => (r.kind === 'Tenant' ? r.name : r.tenant) === scope,
      );
      expect(summaries.get(scope)).toEqual({
        revision: 1,
        recorded: rows.length,
        rows: rows.length,
        intact: true,
        digest: scopeDigest(rows),
      });
    }
    expect(summaries.get('nobody')).toEqual({
      revision: 0,
      recorded: 0,
      rows: 0,
      intact: true,
      digest: scopeDigest([]),
    });
    // Without a list: every stored scope.
    expect([...(await store.scopeSummaries()).keys()].sort()).toEqual(['acme', 'beta']);
  });

  it('tell rows changed by other SQL: checksum broken, digest moved', async () => {
    const store = await target.open();
    await applyRevisions(store, [revisionOf('acme', queues('acme', 3))]);
    const before = (await store.scopeSummaries(['acme'])).get('acme')!;
    await store.db.query(
      `update resources set value = jsonb_set(value, '{spec,i}', '99') where name = 'q00000'`,
    );
    expect((await store.scopeSummaries(['acme'])).get('acme')).toMatchObject({
      intact: false,
      digest: before.digest,
    });
    // The row's term is the database's own: a hash edited by other SQL moves the digest too.
    await store.db.query(`update resources set hash = 'edited' where name = 'q00002'`);
    const edited = (await store.scopeSummaries(['acme'])).get('acme')!;
    const stored = await store.db.query<ScopeDigestInput>(
      `select kind, name, tenant, hash from resources where scope = 'acme'`,
    );
    expect(stored.map((r) => r.hash)).toContain('edited');
    expect(edited.digest).toBe(scopeDigest(stored));
    expect(edited.digest).not.toBe(before.digest);
    await store.db.query(`delete from resources where name = 'q00001'`);
    const after = (await store.scopeSummaries(['acme'])).get('acme')!;
    expect(after).toMatchObject({ rows: 2, recorded: 3 });
    expect(after.digest).not.toBe(before.digest);
  });
});
