import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { SqlStateStore } from '../../src/store/sql-state-store.js';
import { openStoreBeside } from '../../src/store/store-beside.js';
import { storeTargets } from '../helpers/databases.js';

const workMem = async (store: SqlStateStore) =>
  (await store.db.query<{ work_mem: string }>('show work_mem'))[0]!.work_mem;

const backend = async (store: SqlStateStore) =>
  (await store.db.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]!.pid;

describe.each(storeTargets())('a store beside the store on $dialect', (target) => {
  it('reads on a second session where the database has one, sorting in memory', async () => {
    const store = await target.open();
    const beside = openStoreBeside(store);
    const second = await beside.store;
    expect(await workMem(second)).toBe('64MB');
    if (target.dialect === 'postgres') {
      // Another connection: another backend process, which works while the first one's answers are used.
      expect(second).not.toBe(store);
      expect(await backend(second)).not.toBe(await backend(store));
    } else expect(second).toBe(store); // PGlite serves one session
    await beside.close();
    // Closing it leaves the store's own session open.
    expect(await store.listScopes()).toEqual([]);
  });

  it('is the store itself when no second session can be had', async () => {
    const store = await target.open();
    const refusing: Database = {
      dialect: store.db.dialect,
      query: (sql, params) => store.db.query(sql, params),
      copyFrom: (table, columns, rows) => store.db.copyFrom(table, columns, rows),
      transaction: (work) => store.db.transaction(work),
      close: () => store.db.close(),
      openSession: () => Promise.reject(new Error('too many clients already')),
    };
    const wrapped = new SqlStateStore(refusing);
    const beside = openStoreBeside(wrapped);
    expect(await beside.store).toBe(wrapped);
    await beside.close();
    expect(await wrapped.listScopes()).toEqual([]);
  });
});
