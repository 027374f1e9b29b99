import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import { storeTargets } from '../helpers/databases.js';

describe.each(storeTargets())('migrations on $dialect', (target) => {
  it('applies every migration once, and nothing when run again', async () => {
    const url = await target.freshUrl();
    const store = await target.open(url);
    const rows = await store.db.query<{ version: number }>(
      'select version from ccac_migrations order by version',
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(store.db)).toEqual({ applied: [] });
    await store.close();
    const reopened = await target.open(url);
    expect(await reopened.listScopes()).toEqual([]);
    expect(await reopened.db.query('select version from ccac_migrations')).toHaveLength(
      MIGRATIONS.length,
    );
  });

  it('reports the applied migrations by name on a fresh database', async () => {
    const url = await target.freshUrl();
    const store = await target.open(url);
    await store.db.query(
      'drop table changes, revisions, scopes, resources, ccac_writes, accepted_drift, webex_remote_refs, webex_tenants, webex_pushes, ccac_migrations',
    );
    await store.db.query('drop sequence revision_id');
    expect(await migrate(store.db)).toEqual({
      applied: [
        '001-initial',
        '002-integrity',
        '003-vouched-rows',
        '004-ccac-writes',
        '005-webex',
        '006-digest-terms',
      ],
    });
  });

  it('refuses a store migrated by a newer ccac', async () => {
    const url = await target.freshUrl();
    const store = await target.open(url);
    await store.db.query(`insert into ccac_migrations (version, name) values (999, 'future')`);
    await expect(migrate(store.db)).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringContaining('newer ccac'),
    });
  });

  if (target.dialect === 'postgres')
    it('is safe when several processes open a fresh database at once', async () => {
      const url = await target.freshUrl();
      const stores = await Promise.all([1, 2, 3, 4].map(() => openStore(url)));
      try {
        const rows = await stores[0]!.db.query('select version from ccac_migrations');
        expect(rows).toHaveLength(MIGRATIONS.length);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
});
