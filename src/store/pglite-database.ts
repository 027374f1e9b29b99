import type { PGlite, Transaction } from '@electric-sql/pglite';
import { INT8_OID, parseInt8 } from './column-types.js';
import { copyParts, pgliteCopySql, PGLITE_COPY_PART_BYTES } from './copy-text.js';
import type { CopyRow, Database, Queryable } from './database.js';
import { debug } from '../support/debug.js';
import { lockDirectory, type DirectoryLock } from './lock-file.js';
import { copyEmptyState, emptyStateFor } from './pglite-template.js';
import { pgliteCopyOut } from './pglite-copy-out.js';
import { openPgliteThread, pgliteThreadAllowed } from './pglite-thread.js';
import { pgliteWasmModule } from './pglite-wasm.js';
import { StoreError } from './state-store.js';
import { messageOf } from './store-errors.js';

/**
 * The embedded database: PGlite with its data directory on disk. PGlite is single-process, so the
 * directory is locked for this process first; a crash leaves committed data only (PGlite's WAL).
 * PGlite is imported here, on open, so a run against PostgreSQL never loads it. `onThread`: on a
 * thread of its own (pglite-thread.ts) when that is allowed, else on this one.
 */
export async function openPgliteDatabase(
  dir: string,
  { onThread }: { onThread: boolean },
): Promise<Database> {
  const lock = lockDirectory(dir);
  try {
    const template = emptyStateFor(dir);
    if (template) debug('embedded database created from the empty one the build made');
    const wasmModule = pgliteWasmModule();
    if (onThread && pgliteThreadAllowed()) {
      debug('embedded database on its own thread');
      const settings = START_SETTINGS;
      return await openPgliteThread(
        { dir, settings, wasmModule: await wasmModule, ...(template && { template }) },
        lock,
      );
    }
    debug('embedded database on the main thread');
    if (template) copyEmptyState(template, dir);
    // PGlite's JavaScript loads on this thread while V8's threads compile its WebAssembly.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(dir, {
      parsers: { [INT8_OID]: parseInt8 },
      startParams: [...PGlite.defaultStartParams, ...START_SETTINGS],
      pgliteWasmModule: await wasmModule,
    });
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

/**
 * PostgreSQL's default 128 MB of shared buffers is memory PGlite clears at every start (≈ 0.5 s)
 * and keeps for the whole run (≈ 150 MB of RSS). The files it reads are in the OS's page cache
 * anyway, so a smaller pool reads no slower. The WAL buffers, derived from the pool by default,
 * stay at the 4 MB they had: only the page pool changes.
 */
const START_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'wal_buffers=4MB'];

type Session = Pick<Transaction, 'query'>;

class PgliteDatabase implements Database {
  readonly dialect = 'pglite';
  readonly packsRows = true;

  constructor(
    private readonly pglite: PGlite,
    private readonly lock: DirectoryLock,
  ) {}

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return query(this.pglite, sql, params);
  }

  copyFrom(table: string, columns: readonly string[], rows: Iterable<CopyRow>): Promise<void> {
    return copyFrom(this.pglite, table, columns, rows);
  }

  copyOut(select: string): Promise<Uint8Array[]> {
    return pgliteCopyOut(this.pglite, select);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) =>
      work({
        packsRows: true,
        query: (sql, params) => query(tx, sql, params),
        copyFrom: (table, columns, rows) => copyFrom(tx, table, columns, rows),
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

async function query<Row>(
  session: Session,
  sql: string,
  params: readonly unknown[] = [],
): Promise<Row[]> {
  return (await session.query<Row>(sql, [...params])).rows;
}

/**
 * PGlite serves no COPY FROM STDIN; it reads COPY data from a Blob handed over as `/dev/blob`.
 * The rows go in parts (PGLITE_COPY_PART_BYTES), one statement each, in the caller's transaction:
 * the text of every row at once was held three times (its pieces, the Blob, PGlite's copy in its
 * WebAssembly memory, which never shrinks).
 */
async function copyFrom(
  session: Session,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyRow>,
): Promise<void> {
  const sql = pgliteCopySql(table, columns);
  for (const part of copyParts(rows, PGLITE_COPY_PART_BYTES))
    await session.query(sql, [], { blob: new Blob(part) });
}
