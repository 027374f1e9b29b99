import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { SqlStateStore } from '../../src/store/sql-state-store.js';
import { openStoreBeside } from '../../src/store/store-beside.js';
import { storeTargets } from '../helpers/databases.js';

const workMem = async (store: SqlStateStore) =>
  (await store.db.query<{ work_mem: string }>('show work_mem'))[0]!.work_mem;

/** Whether `promise` has settled once the reads asked before are answered, and then some. */
async function settled(promise: Promise<unknown>, store: SqlStateStore): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await store.db.query('select 1');
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

const backend = async (store: SqlStateStore) =>
  (await store.db.query<{ pid: number }>('select pg_backend_pid() as pid'))[0]!.pid;

describe.each(storeTargets())('a store beside the store on $dialect', (target) => {
  it('reads on a second session where the database has one, sorting in memory', async () => {
    const store = await target.open();
    const beside = openStoreBeside(store);
    // A second session is there at once; the store itself only once its own reads are asked.
    if (target.dialect === 'postgres') expect(await beside.store).not.toBe(store);
    else expect(await settled(beside.store, store)).toBe(false);
    beside.ownAsked();
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
    expect(await settled(beside.store, wrapped)).toBe(false);
    beside.ownAsked();
    expect(await beside.store).toBe(wrapped);
    await beside.close();
    expect(await wrapped.listScopes()).toEqual([]);
  });

  it('closes without its own reads asked: the store itself is let go, not waited for', async () => {
    const store = await target.open();
    const beside = openStoreBeside(store);
    await beside.close();
    expect(await beside.store).toBeInstanceOf(SqlStateStore);
    expect(await store.listScopes()).toEqual([]);
  });
});
