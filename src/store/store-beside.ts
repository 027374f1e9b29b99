import { debug } from '../support/debug.js';
import { messageOf } from './store-errors.js';
import { SqlStateStore } from './sql-state-store.js';

/**
 * The store over a second session of its database, for reads that run beside the store's own:
 * on PostgreSQL a second connection, whose backend works on another core while the first one's
 * answers are used here. Where the database serves one session (PGlite), or a second connection
 * cannot be had (the server's connection slots are taken), it is the store itself: the same
 * reads, one after the other. Opened at once, used when `store` resolves; `close` ends the second
 * session (never the store's own), after the opening if it is still under way.
 */
export interface StoreBeside {
  readonly store: Promise<SqlStateStore>;
  close(): Promise<void>;
}

export function openStoreBeside(store: SqlStateStore): StoreBeside {
  const opening = openSecond(store);
  return {
    store: opening,
    async close() {
      const second = await opening;
      if (second !== store) await second.close().catch(() => undefined);
    },
  };
}

async function openSecond(store: SqlStateStore): Promise<SqlStateStore> {
  if (!store.db.openSession) return store;
  try {
    return new SqlStateStore(await store.db.openSession());
  } catch (error) {
    debug(`no second connection (${messageOf(error)}): its reads wait for the first one's`);
    return store;
  }
}
