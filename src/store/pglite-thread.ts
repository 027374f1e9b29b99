import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { copyParts, pgliteCopySql, PGLITE_COPY_PART_BYTES } from './copy-text.js';
import type { CopyRow, Database, Queryable } from './database.js';
import type { DirectoryLock } from './lock-file.js';
import {
  rethrown,
  type PgliteAnswer,
  type PgliteRequest,
  type PgliteThreadStart,
} from './pglite-thread-protocol.js';

// Named from the parent folder: the CLI's bundle (dist/cli/main.js) sits at the depth of dist/store.
const WORKER = new URL('../store/pglite-worker.js', import.meta.url);

/**
 * Whether the embedded database may run on a thread of its own: not with CCAC_PGLITE_THREAD=0,
 * nor unbuilt (tests of the sources run it on the main thread).
 */
export function pgliteThreadAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CCAC_PGLITE_THREAD !== '0' && existsSync(WORKER);
}

/**
 * PGlite started on a thread of its own (pglite-worker.ts). PGlite runs each statement
 * synchronously in WebAssembly: on the main thread its start (≈ 0.3–0.5 s of CPU) and its reads
 * stop everything else, so the configuration's files wait to be read and the second parse thread
 * starts only once the store has answered. On its thread the database starts and reads while this
 * one reads and parses. Rejects with the database's error when it cannot start.
 */
export async function openPgliteThread(
  start: PgliteThreadStart,
  lock: DirectoryLock,
): Promise<Database> {
  const worker = new Worker(WORKER, { workerData: start });
  const database = new ThreadDatabase(worker, lock);
  try {
    await database.opened;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return database;
}

type Pending = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void };

/** The Database on PGlite's thread; its directory's lock is released once it is closed. */
class ThreadDatabase implements Database {
  readonly dialect = 'pglite';
  readonly packsRows = true;
  readonly opened: Promise<void>;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  /** The end of the last unit of work (a statement, or a whole transaction): one at a time. */
  private turn: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** Why the thread can answer no more (it ended or failed): later requests fail at once. */
  private gone: Error | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly lock: DirectoryLock,
  ) {
    this.opened = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    worker.on('message', (answer: PgliteAnswer) => this.answered(answer));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) =>
      this.failAll(new Error(`the embedded database's thread ended (exit code ${code})`)),
    );
  }

  query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.inTurn(() => this.statement<Row>(sql, params));
  }

  copyFrom(table: string, columns: readonly string[], rows: Iterable<CopyRow>): Promise<void> {
    return this.inTurn(() => this.copy(table, columns, rows));
  }

  /**
   * BEGIN, the work, COMMIT (ROLLBACK when it throws), as PGlite's own transaction() runs them:
   * no other statement of this process comes in between.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      await this.statement('begin');
      const tx: Queryable = {
        packsRows: true,
        query: (sql, params) => this.statement(sql, params),
        copyFrom: (table, columns, rows) => this.copy(table, columns, rows),
      };
      try {
        const result = await work(tx);
        await this.statement('commit');
        return result;
      } catch (error) {
        await this.statement('rollback').catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.turn.catch(() => undefined);
      await this.ask({ id: this.next++, op: 'close' });
    } finally {
      await this.worker.terminate();
      this.lock.release();
    }
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private statement<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.ask({ id: this.next++, op: 'query', sql, params: [...params] }) as Promise<Row[]>;
  }

  /**
   * PGlite serves no COPY FROM STDIN; it reads COPY data from a Blob handed over as `/dev/blob`,
   * one statement per part (copyParts). The next part is made here while the thread copies the
   * last one; no more than two wait on the thread, so the text is never all held at once.
   */
  private async copy(
    table: string,
    columns: readonly string[],
    rows: Iterable<CopyRow>,
  ): Promise<void> {
    const sql = pgliteCopySql(table, columns);
    const copying: Promise<unknown>[] = [];
    try {
      for (const pieces of copyParts(rows, PGLITE_COPY_PART_BYTES)) {
        if (copying.length >= 2) await copying.shift();
        const transfer = pieces.map((piece) => piece.buffer as ArrayBuffer);
        copying.push(this.ask({ id: this.next++, op: 'copy', sql, pieces }, transfer));
      }
    } catch (error) {
      await Promise.allSettled(copying);
      throw error;
    }
    // Every part answered before it returns; the first that failed fails the statement.
    const answers = await Promise.allSettled(copying);
    const failed = answers.find((answer) => answer.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private ask(request: PgliteRequest, transfer: ArrayBuffer[] = []): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.pending.set(request.id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request, transfer);
    });
  }

  private answered(answer: PgliteAnswer): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    // Idle, the thread holds the process open no more than PGlite on the main thread did.
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in answer) pending.reject(rethrown(answer.error));
    else pending.resolve('rows' in answer ? answer.rows : []);
  }

  private failAll(error: Error): void {
    this.gone ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
