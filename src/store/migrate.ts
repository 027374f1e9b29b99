import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { StoreError } from './state-store.js';
import { messageOf } from './store-errors.js';

export interface MigrationResult {
  /** Names of the migrations this call applied, e.g. `001-initial`; empty when the schema was current. */
  applied: string[];
}

/**
 * Brings the schema up to date in one transaction: all pending steps or none. An advisory lock
 * serialises processes that open a fresh database at once; the loser then finds nothing to do.
 * A current schema is recognised without that lock, so everyday opens never wait on each other.
 */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  if (await isCurrent(db, migrations)) return { applied: [] };
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtextextended('ccac-migrations', 0))`);
      await tx.query(`create table if not exists ccac_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`);
      const rows = await tx.query<{ version: number }>('select version from ccac_migrations');
      const done = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...migrations.map((m) => m.version));
      const unknown = [...done].filter((version) => version > newest);
      if (unknown.length > 0)
        throw new StoreError(
          'STORE',
          `the store was migrated by a newer ccac (schema version ${Math.max(...unknown)}, this ccac knows ${newest}); upgrade ccac`,
        );
      const applied: string[] = [];
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        const label = labelOf(migration);
        try {
          for (const statement of migration.statements) await tx.query(statement);
        } catch (error) {
          throw new StoreError('STORE', `migration ${label} failed: ${messageOf(error)}`);
        }
        await tx.query('insert into ccac_migrations (version, name) values ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        applied.push(label);
      }
      return { applied };
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('STORE', `cannot migrate the store: ${messageOf(error)}`);
  }
}

/** Whether ccac has created its tables in `db` (in the schema its search path names first). */
export async function holdsStoreTables(db: Database): Promise<boolean> {
  try {
    const [row] = await db.query<{ present: boolean }>(
      `select to_regclass('ccac_migrations') is not null as present`,
    );
    return row?.present === true;
  } catch (error) {
    throw new StoreError('STORE', `cannot read the store: ${messageOf(error)}`);
  }
}

async function isCurrent(db: Database, migrations: readonly Migration[]): Promise<boolean> {
  const rows = await db
    .query<{ version: number }>('select version from ccac_migrations')
    .catch(() => undefined); // a fresh database has no table yet
  if (!rows) return false;
  const done = new Set(rows.map((row) => row.version));
  return done.size === migrations.length && migrations.every((m) => done.has(m.version));
}

function labelOf(migration: Migration): string {
  return `${String(migration.version).padStart(3, '0')}-${migration.name}`;
}
