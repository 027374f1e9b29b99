import { debug } from '../support/debug.js';
import { messageOf } from './store-errors.js';
import { SqlStateStore } from './sql-state-store.js';

/**
 * The store over a second session of its database, for reads that run beside the store's own:
 * on PostgreSQL a second connection, whose backend works on another core while the first one's
 * answers are used here. Where the database serves one session (PGlite), or a second connection
 * cannot be had (the server's connection slots are taken), it is the store itself: the same
 * reads, one after the other, and then `store` resolves only once `ownAsked` is called — the
 * store's own reads asked first, so that theirs are not queued behind these (on PGlite the
 * chains' rows are then read and hashed on the verification's thread while these run, instead
 * of that thread waiting for them). Either way it sorts in memory (WORK_MEM) and compiles no
 * statement (JIT). Opened at once; `store` never rejects; `close` ends the second session (never
 * the store's own), after the opening if it is still under way.
 */
export interface StoreBeside {
  readonly store: Promise<SqlStateStore>;
  /** The store's own reads that should come first are asked (idempotent). */
  ownAsked(): void;
  close(): Promise<void>;
}

export function openStoreBeside(store: SqlStateStore): StoreBeside {
  let ownAsked = () => {};
  const asked = new Promise<void>((resolve) => (ownAsked = resolve));
  const opening = openSecond(store)
    .then(withRoomToSort)
    .then(async (second) => {
      if (second === store) await asked;
      return second;
    });
  return {
    store: opening,
    ownAsked,
    async close() {
      ownAsked();
      const second = await opening;
      if (second !== store) await second.close().catch(() => undefined);
    },
  };
}

/**
 * The memory each sort and hash of the session may take before it spills to disk. The rows'
 * comparison with the history sorts every change of the scopes compared, values and all: at
 * 100,000 changes ≈ 40 MB, and hashes as much, past PostgreSQL's default of 4 MB, so both went
 * to disk (PostgreSQL ≈ 0.63 → 0.36 s, PGlite ≈ 0.6–0.9 → 0.45 s). For this session only, and
 * only this much: larger stores spill, as before.
 */
const WORK_MEM = '64MB';

/**
 * The session with WORK_MEM, and without compiling statements (JIT): its comparison of the stored
 * rows with the history is asked a scope at a time (recorded-values.ts `scopeAtATime`), a
 * statement whose estimate grows with the number of scopes, so that past ≈ 100 scopes of 1,000
 * rows PostgreSQL would compile it (and optimize it past ≈ 120), which costs more than it saves.
 * As it was when a setting cannot be made (each only saves time).
 */
async function withRoomToSort(store: SqlStateStore): Promise<SqlStateStore> {
  for (const setting of [`work_mem = '${WORK_MEM}'`, 'jit = off'])
    await store.db
      .query(`set ${setting}`)
      .catch((error: unknown) => debug(`${setting} not set: ${messageOf(error)}`));
  return store;
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
