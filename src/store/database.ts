/** One row for COPY: a text value per column, null for SQL NULL. */
export type CopyRow = readonly (string | null)[];

/**
 * The database boundary ccac owns: the PGlite and pg adapters implement it with the same SQL.
 * Parameters are positional ($1, $2, …); rows come back as plain objects.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Bulk-loads rows with COPY (text format): the fast way to write thousands of rows, one
   * statement however many. `columns` are SQL identifiers ccac chose, never user input.
   */
  copyFrom(table: string, columns: readonly string[], rows: Iterable<CopyRow>): Promise<void>;
  /**
   * Whether many rows are better read as one JSON text the database aggregates: on PGlite, whose
   * result rows are decoded column by column in JavaScript on the thread that runs it, 100,000
   * rows cost that thread ≈ 0.2 s more than the aggregate; a PostgreSQL server's aggregate costs
   * it more than pg's decoding of the rows (read-revisions.ts readPackedChanges).
   */
  readonly packsRows?: boolean;
  /**
   * The rows of `select` (a query without parameters: COPY takes none) as the bytes of a binary
   * COPY (store/copy-binary.ts), in the pieces they came in, each in memory of its own (an
   * ArrayBuffer no one else holds): many rows read without the adapter making an object and
   * strings of each, which a thread can be moved without a copy (read-revisions.ts
   * readChangeRows). PGlite's is spoken in the wire protocol (pglite-copy-out.ts); absent on
   * PGlite's thread (pglite-thread.ts), whose answers cross to this one anyway, and in a
   * transaction.
   */
  copyOut?(select: string): Promise<Uint8Array[]>;
}

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Another session on the same database, for reads that run beside this one's (each answers
   * its own statements in turn): on PostgreSQL a second connection, whose backend process works
   * on the other core. Absent where the database serves one session (PGlite: one process, one
   * thread). The caller closes it.
   */
  openSession?(): Promise<Database>;
}
