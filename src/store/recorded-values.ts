import type { Kind } from '../model/kinds.js';
import { scopeOfAddress } from '../model/address.js';
import type { ResourceValue } from '../model/model.js';
import type { Queryable } from './database.js';
import type { DriftedRow } from '../model/revision.js';
import { storedValue } from './stored-value.js';

/**
 * What the recorded history says each address of some scopes (`$1`; null: every scope) holds:
 * the value its last change wrote, or the value a later revision adopted as drift (adopted before
 * that revision's changes, so a change of the same revision wins); a null value: deleted.
 * `filter` narrows both sources further.
 */
export function recordedSql(filter = ''): string {
  return recordedWhere(`($1::text[] is null or scope = any($1::text[])) ${filter}`);
}

/** recordedSql of the rows `where` picks from both sources. */
function recordedWhere(where: string): string {
  return `select distinct on (w.scope, w.address) w.scope, w.address, w.kind, w.name, w.revision, w.value
      from (select scope, address, kind, name, revision, 1 as rank, after as value
              from changes where ${where}
            union all
            select scope, address, kind, name, revision, 0, value
              from accepted_drift where ${where}) w
     order by w.scope, w.address, w.revision desc, w.rank desc`;
}

/**
 * Stored rows against the recorded history, compared in the database value by value (spec and
 * labels, as a plan compares them): the addresses where they differ, with both values. A row at
 * an address the history does not hold, or holds as deleted, was created outside ccac; an
 * address it holds that has no row was deleted outside ccac. Exact: no flag or checksum the
 * rows carry is trusted.
 *
 * `scopeAtATime`: compared a scope at a time (a lateral join over the scopes), so that the
 * database sorts and hashes a scope's rows at a time instead of every scope's at once (100,000
 * changes over 101 scopes: its CPU ≈ 270 → ≈ 170 ms; the whole sort and a hash table of ≈ 35 MB
 * fall out of its caches). Only on a session that does not compile statements (JIT off,
 * store-beside.ts): the lateral join's estimate grows with the number of scopes, and past ≈ 120
 * scopes of 1,000 rows PostgreSQL would compile and optimize it, which cost more than it saves.
 */
export async function readDriftedRows(
  q: Queryable,
  scopes: readonly string[],
  { scopeAtATime = false } = {},
): Promise<DriftedRow[]> {
  if (scopes.length === 0) return [];
  const rows = await q.query<{
    scope: string;
    address: string;
    kind: Kind;
    name: string;
    revision: number | null;
    recorded: unknown;
    stored: unknown;
    present: boolean;
  }>(
    scopeAtATime
      ? `select d.* from unnest($1::text[]) as k(scope)
           cross join lateral (${driftedSql('scope = k.scope')}) d`
      : driftedSql('scope = any($1::text[])'),
    [[...new Set(scopes)]],
  );
  return rows
    .map((row) => ({
      scope: row.scope,
      address: row.address,
      kind: row.kind,
      name: row.name,
      revision: row.revision,
      recorded: row.recorded === null ? null : storedValue(row.recorded),
      stored: row.present ? storedValue(row.stored) : null,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** readDriftedRows' comparison of the scopes `where` picks (of changes, drift and rows). */
function driftedSql(where: string): string {
  return `with recorded as (${recordedWhere(where)}),
     stored as (
       select scope, coalesce(tenant || '/', '') || kind || '/' || name as address, kind, name, value
         from resources where ${where})
     select coalesce(s.scope, w.scope) as scope, coalesce(s.address, w.address) as address,
            coalesce(s.kind, w.kind) as kind, coalesce(s.name, w.name) as name, w.revision,
            w.value as recorded, s.value as stored, s.address is not null as present
       from stored s full join recorded w on w.scope = s.scope and w.address = s.address
      where (s.address is null) <> (w.value is null)
         or (w.value -> 'spec') is distinct from (s.value -> 'spec')
         or nullif(w.value -> 'labels', 'null') is distinct from nullif(s.value -> 'labels', 'null')`;
}

/**
 * The value the recorded history last gave each of some addresses (null: deleted); an address
 * it never wrote is absent from the map. A handful of addresses: what authorization read.
 */
export async function readRecordedValues(
  q: Queryable,
  addresses: readonly string[],
): Promise<Map<string, ResourceValue | null>> {
  if (addresses.length === 0) return new Map();
  const wanted = [...new Set(addresses)];
  const rows = await q.query<{ address: string; value: unknown }>(LAST_RECORDED, [
    wanted.map(scopeOfAddress),
    wanted,
  ]);
  return new Map(
    rows.map((row) => [row.address, row.value === null ? null : storedValue(row.value)]),
  );
}

/**
 * recordedSql's answer for a few addresses ($2, each in its scope $1): for each, the last change
 * and the last adopted drift found walking the primary key (scope, revision, address) backwards
 * from the scope's latest revision, the later of them kept (the change, in the same revision).
 * Filtered by scope and address instead, PostgreSQL scanned every change of the scopes (100,000
 * rows, ≈ 150 ms on three workers for a signed plan's 200 addresses, against ≈ 30 ms).
 */
const LAST_RECORDED = `select k.address, w.value
    from unnest($1::text[], $2::text[]) as k(scope, address)
    cross join lateral (
      select x.value
        from ((select c.revision, 1 as rank, c.after as value
                 from changes c
                where c.scope = k.scope and c.address = k.address
                order by c.revision desc limit 1)
              union all
              (select d.revision, 0, d.value
                 from accepted_drift d
                where d.scope = k.scope and d.address = k.address
                order by d.revision desc limit 1)) x
       order by x.revision desc, x.rank desc
       limit 1) w`;
