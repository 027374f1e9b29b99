import { PGlite } from '@electric-sql/pglite';
import { INT8_OID, parseInt8 } from './column-types.js';
import type { Database, Queryable } from './database.js';
import { lockDirectory, type DirectoryLock } from './lock-file.js';
import { StoreError } from './state-store.js';
import { messageOf } from './store-errors.js';

/**
 * The embedded database: PGlite with its data directory on disk. PGlite is single-process, so the
 * directory is locked for this process first; a crash leaves committed data only (PGlite's WAL).
 */
export async function openPgliteDatabase(dir: string): Promise<Database> {
  const lock = lockDirectory(dir);
  try {
    const pglite = await PGlite.create(dir, { parsers: { [INT8_OID]: parseInt8 } });
    return new PgliteDatabase(pglite, lock);
  } catch (error) {
    lock.release();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      'STORE',
      `cannot open the embedded database in ${dir}: ${messageOf(error)}`,
    );
  }
}

class PgliteDatabase implements Database {
  readonly dialect = 'pglite';

  constructor(
    private readonly pglite: PGlite,
    private readonly lock: DirectoryLock,
  ) {}

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.pglite.query<Row>(sql, [...params])).rows;
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) =>
      work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(sql, [...params])).rows,
      }),
    );
  }

  async close(): Promise<void> {
    try {
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      this.lock.release();
    }
  }
}
