import { scopeName } from '../model/address.js';
import type { Queryable } from './database.js';
import { StoreError } from './state-store.js';
import { sqlState } from './store-errors.js';

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Takes each scope's transaction-level advisory lock, in one statement and in C-collation order
 * (the same order in every process, so two applies never deadlock). Waits at most `timeoutMs`,
 * then throws LOCK_TIMEOUT naming the session that holds the lock.
 */
export async function lockScopes(
  tx: Queryable,
  scopes: readonly string[],
  timeoutMs: number,
): Promise<void> {
  if (scopes.length === 0) return;
  const ms = Math.max(1, Math.floor(timeoutMs));
  await tx.query(`set local lock_timeout = '${ms}ms'`);
  // A failed statement aborts the transaction; the savepoint keeps it usable to look up the holder.
  await tx.query('savepoint ccac_scope_locks');
  try {
    await tx.query(
      `select count(pg_advisory_xact_lock(key)) as locked
         from (select hashtextextended('ccac:' || scope, 0) as key
                 from unnest($1::text[]) as scope
                order by scope collate "C"
               offset 0) as keys`,
      [scopes],
    );
  } catch (error) {
    if (sqlState(error) !== LOCK_NOT_AVAILABLE) throw error;
    await tx.query('rollback to savepoint ccac_scope_locks');
    throw await lockTimeout(tx, scopes, ms);
  }
  await tx.query('release savepoint ccac_scope_locks');
}

interface Holder {
  scope: string;
  pid: number;
  application_name: string | null;
  usename: string | null;
  client_addr: string | null;
  xact_start: string | null;
}

async function lockTimeout(tx: Queryable, scopes: readonly string[], ms: number) {
  const holders = await tx.query<Holder>(
    `select s.scope, l.pid, a.application_name, a.usename::text as usename,
            a.client_addr::text as client_addr,
            to_char(a.xact_start at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as xact_start
       from unnest($1::text[]) as s(scope)
       join pg_locks l
         on l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended('ccac:' || s.scope, 0)
       left join pg_stat_activity a on a.pid = l.pid
      where l.pid <> pg_backend_pid()
      order by s.scope collate "C"`,
    [scopes],
  );
  const first = holders[0];
  const what =
    scopes.length === 1
      ? `scope "${scopeName(scopes[0]!)}"`
      : `one of the scopes ${scopes.map(scopeName).join(', ')}`;
  if (!first)
    return new StoreError(
      'LOCK_TIMEOUT',
      `${what} stayed locked by another ccac run for ${ms} ms (it has finished since); try again`,
    );
  return new StoreError(
    'LOCK_TIMEOUT',
    `scope "${scopeName(first.scope)}" is locked by ${describeHolder(first)}; gave up after waiting ${ms} ms. Try again when it finishes.`,
  );
}

function describeHolder(holder: Holder): string {
  const details = [
    `pid ${holder.pid}`,
    holder.usename ? `user ${holder.usename}` : undefined,
    holder.client_addr ? `from ${holder.client_addr}` : undefined,
    holder.xact_start ? `since ${holder.xact_start}` : undefined,
  ].filter(Boolean);
  const name = holder.application_name ? `"${holder.application_name}"` : 'another session';
  return `${name} (${details.join(', ')})`;
}
