import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { INT8_OID, parseInt8 } from './column-types.js';
import { copyText } from './copy-text.js';
import type { CopyRow, Database, Queryable } from './database.js';
import { redactSecrets, redactUrl } from './redact-url.js';
import { afterFreeLoopTime } from '../support/free-loop-timeout.js';
import { StoreError } from './state-store.js';
import { messageOf } from './store-errors.js';

export interface PostgresOptions {
  url: string;
  /** Shown in pg_stat_activity, and so in LOCK_TIMEOUT messages: e.g. run id and actor. */
  applicationName?: string;
  connectTimeoutMs?: number;
}

/** PostgreSQL over one `pg.Client`: one apply is one connection, so its locks die with it. */
export async function openPostgresDatabase(options: PostgresOptions): Promise<Database> {
  let client: pg.Client;
  try {
    client = newClient(options);
  } catch (error) {
    // The driver's URL parser rejects it (e.g. an unclosed `[`): say so without the password.
    throw new StoreError(
      'STORE',
      `invalid PostgreSQL URL ${redactUrl(options.url)}: ${redactSecrets(messageOf(error), options.url)}`,
    );
  }
  // A dropped connection is reported by the next query; without a listener it would crash the process.
  client.on('error', () => {});
  try {
    await connectWithin(client, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  } catch (error) {
    await client.end().catch(() => {});
    throw new StoreError(
      'STORE_UNREACHABLE',
      `cannot connect to PostgreSQL at ${redactUrl(options.url)}: ${redactSecrets(messageOf(error) || String((error as { code?: unknown }).code ?? 'unknown error'), options.url)}`,
    );
  }
  return new PostgresDatabase(client, options);
}

/** How long to try connecting, in time the event loop was free (afterFreeLoopTime). */
const CONNECT_TIMEOUT_MS = 10_000;
/** How long to try a second connection (openSession). */
const SESSION_CONNECT_TIMEOUT_MS = 2_000;

/**
 * `client.connect()`, given up after `ms` of free event loop. pg's own timeout counts wall time:
 * a connection begun while the files are read, and answered at once, failed with "timeout
 * expired" when the synchronous parse held the loop for longer (a 100k apply on a busy machine).
 */
async function connectWithin(client: pg.Client, ms: number): Promise<void> {
  let timedOut = false;
  const cancel = afterFreeLoopTime(ms, () => {
    timedOut = true;
    // As pg's own timeout does: connect() then rejects. end() would wait for the server's goodbye.
    client.connection.stream.destroy(new Error('timeout expired'));
  });
  try {
    await client.connect();
  } catch (error) {
    throw timedOut ? new Error('timeout expired') : error;
  } finally {
    cancel();
  }
}

const require = createRequire(import.meta.url);

/**
 * pg, required at the first connection. On Node 20, which has no `navigator`, pg looks for
 * Cloudflare Workers by making a `Response`, which loads Node's whole fetch implementation
 * (undici: 40–90 ms of every run). A `navigator` like Node 21's answers it; it is there only
 * while pg loads.
 */
function loadPg(): typeof pg {
  const global = globalThis as { navigator?: unknown };
  if (global.navigator !== undefined) return require('pg') as typeof pg;
  global.navigator = { userAgent: `Node.js/${process.versions.node}` };
  try {
    return require('pg') as typeof pg;
  } finally {
    delete global.navigator;
  }
}

function newClient(options: PostgresOptions): pg.Client {
  const driver = loadPg();
  return new driver.Client({
    connectionString: options.url,
    application_name: options.applicationName ?? 'ccac',
    // No timeout of pg's: connectWithin gives up on the connection.
    connectionTimeoutMillis: 0,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? parseInt8
          : driver.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres';

  /**
   * The last statement asked: callers may ask several reads at once (the report's), and pg 8 warns
   * of — pg 9 refuses — a query sent to a client that is still busy, so they wait in line here.
   */
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: pg.Client,
    private readonly options: PostgresOptions,
  ) {}

  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.busy.then(statement);
    this.busy = result.catch(() => {});
    return result;
  }

  async query<Row>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const result = await this.inTurn(() => this.client.query(sql, params as unknown[]));
    return result.rows as Row[];
  }

  /** COPY … FROM STDIN, streamed a piece at a time so the server parses while the next is built. */
  async copyFrom(
    table: string,
    columns: readonly string[],
    rows: Iterable<CopyRow>,
  ): Promise<void> {
    const { from } = await copyStreams();
    const sql = `copy ${table} (${columns.join(', ')}) from stdin`;
    await this.inTurn(() => pipeline(Readable.from(copyText(rows)), this.client.query(from(sql))));
  }

  /**
   * COPY … TO STDOUT, its pieces as they came, each copied out of the connection's buffers
   * (which a piece may be a view of) into memory of its own.
   */
  async copyOut(select: string): Promise<Uint8Array[]> {
    const { to } = await copyStreams();
    const sql = `copy (${select}) to stdout (format binary)`;
    return this.inTurn(async () => {
      const pieces: Uint8Array[] = [];
      for await (const piece of this.client.query(to(sql)))
        pieces.push(new Uint8Array(piece as Buffer));
      return pieces;
    });
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    await this.inTurn(() => this.client.query('begin'));
    let value: T;
    try {
      value = await work(this);
    } catch (error) {
      await this.inTurn(() => this.client.query('rollback')).catch(() => {});
      throw error;
    }
    const committed = await this.inTurn(() => this.client.query('commit'));
    // COMMIT of a transaction that already failed answers ROLLBACK instead of raising.
    if (committed.command === 'ROLLBACK')
      throw new StoreError('STORE', 'the transaction failed earlier and was rolled back');
    return value;
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  /**
   * A second connection, opened as this one was (same URL and name). Given up sooner: a server
   * or pooler with no slot to spare would otherwise hold its caller for the whole timeout, and
   * the caller can do without it.
   */
  openSession(): Promise<Database> {
    const connectTimeoutMs = Math.min(
      this.options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      SESSION_CONNECT_TIMEOUT_MS,
    );
    return openPostgresDatabase({ ...this.options, connectTimeoutMs });
  }
}

/** pg-copy-streams loads on the first COPY: plans never write, so they never pay for it. */
let copyStreamsModule: Promise<typeof import('pg-copy-streams')> | undefined;
function copyStreams(): Promise<typeof import('pg-copy-streams')> {
  return (copyStreamsModule ??= import('pg-copy-streams'));
}
