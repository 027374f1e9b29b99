import type { Database } from './database.js';
import { DEFAULT_STORE_URL } from './default-store-url.js';
import { holdsStoreTables, migrate } from './migrate.js';
import { redactUrl } from './redact-url.js';
import { embeddedDir, parseStoreUrl, type StoreLocation } from './store-location.js';
import { SqlStateStore } from './sql-state-store.js';
import { holdsDatabase } from './pglite-template.js';
import { StoreError } from './state-store.js';

export { redactUrl } from './redact-url.js';
export { parseStoreUrl, type StoreLocation } from './store-location.js';
export { DEFAULT_STORE_URL };

export interface OpenStoreOptions {
  /** Relative `pglite:` directories resolve against this; default `process.cwd()`. */
  cwd?: string;
  /** PostgreSQL only: shown to other runs that wait for this one's locks (e.g. `ccac <run id> <actor>`). */
  applicationName?: string;
  /** PostgreSQL only: how long to try connecting; default 10 s. */
  connectTimeoutMs?: number;
  /**
   * The command reads and parses a configuration while the store works (`plan`, `apply PATH…`):
   * an embedded database then runs on a thread of its own, so that its statements, synchronous
   * WebAssembly, do not stop the parse. A command that parses nothing (`apply PLANFILE`,
   * `report`, `history`) has nothing to run beside it: there the thread only costs (its start, a
   * second V8 heap, every row cloned across), so PGlite stays on the main thread.
   */
  parsesBeside?: boolean;
}

/**
 * An embedded database nothing has created yet, as a plan reads it: nothing is stored there, so
 * the plan reads no rows, finds no drift and creates no database (as `terraform plan` writes no
 * state); the first apply creates it.
 */
export const NO_STORE_YET = Symbol('no store yet');

/**
 * Whether `url` names a `pglite:` directory that holds no database (NO_STORE_YET); a URL that
 * cannot be read is not, and is left to the opening to report.
 */
export function noStoreYet(url: string): boolean {
  const dir = embeddedDir(url);
  return dir !== undefined && !holdsDatabase(dir);
}

/**
 * Connects to `url` (`postgres://…`, `postgresql://…` or `pglite:DIR`; DEFAULT_STORE_URL when
 * omitted or empty), migrates the schema, and returns the store. Failures are StoreErrors whose
 * messages never contain the password.
 */
export async function openStore(
  url: string = DEFAULT_STORE_URL,
  options: OpenStoreOptions = {},
): Promise<SqlStateStore> {
  return migrated(await openDatabase(parseStoreUrl(url, options.cwd), options));
}

/**
 * As openStore, for a command that only reads: a store ccac has not created (a `pglite:`
 * directory without a database, a PostgreSQL database or schema without ccac's tables) is a
 * StoreError and stays uncreated, as `terraform state list` creates no state. A mistyped `--db`
 * is told, not answered with an empty history in a new database.
 */
export async function openExistingStore(
  url: string = DEFAULT_STORE_URL,
  options: OpenStoreOptions = {},
): Promise<SqlStateStore> {
  const location = parseStoreUrl(url, options.cwd);
  if (location.dialect === 'pglite' && !holdsDatabase(location.dir))
    throw new StoreError('STORE', noStoreMessage(`pglite:${location.dir}`));
  const db = await openDatabase(location, options);
  try {
    if (!(await holdsStoreTables(db)))
      throw new StoreError('STORE', noStoreMessage(redactUrl(url.trim())));
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return migrated(db);
}

function noStoreMessage(where: string): string {
  return `there is no ccac store at ${where}: nothing has been applied there (check --db or CCAC_DATABASE_URL); the first \`ccac apply\` creates it`;
}

/** The store on `db`, its schema brought up to date; `db` is closed if that fails. */
async function migrated(db: Database): Promise<SqlStateStore> {
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return new SqlStateStore(db);
}

/** Each adapter is imported when it is opened: a run loads pg or PGlite, never both (≈50 ms each). */
export async function openDatabase(
  location: StoreLocation,
  { parsesBeside = false, ...options }: Omit<OpenStoreOptions, 'cwd'> = {},
): Promise<Database> {
  if (location.dialect === 'pglite')
    return (await import('./pglite-database.js')).openPgliteDatabase(location.dir, {
      onThread: parsesBeside,
    });
  const { openPostgresDatabase } = await import('./postgres-database.js');
  return openPostgresDatabase({ url: location.url, ...options });
}
