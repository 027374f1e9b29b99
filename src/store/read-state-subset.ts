import type { Kind } from '../model/kinds.js';
import { Model } from '../model/model.js';
import type { ScopeIntegrity, StoredState } from '../model/stored-state.js';
import type { Queryable } from './database.js';
import {
  writerCounts,
  byKey,
  readCounters,
  RESOURCES_AND_WRITERS,
  storedResource,
  type ResourceRow,
} from './read-state.js';

/** One resource row by its key, as the primary key names it. */
export interface RowKey {
  scope: string;
  kind: Kind;
  name: string;
}

/** What to read of some scopes: their counters and integrity, and only some of their rows. */
export interface SubsetRequest {
  /** Scopes whose revisions and integrity are read: the integrity counts every row there. */
  scopes: readonly string[];
  /** Scopes read whole (the organizations: few rows, read by every authorization). */
  whole: readonly string[];
  /** Other rows, by key. */
  keys: readonly RowKey[];
}

/**
 * Part of the stored state of some scopes: each scope's revision, and whether all its rows are
 * as ccac's transactions left them (counted in the database, with no row sent), but only the rows
 * asked for. For an apply that needs a few rows of scopes of 100,000 (a signed plan's: the rows
 * it changes and those its actor's authorization reads), not every row.
 */
export async function readStateSubset(q: Queryable, request: SubsetRequest): Promise<StoredState> {
  const scopes = [...new Set(request.scopes)];
  const { revisions, recorded } = await readCounters(q, scopes);
  const counts = await q.query<{ scope: string; rows: number; intact: boolean }>(INTEGRITY_COUNTS, [
    scopes,
  ]);
  const rows = await readRows(q, request);
  rows.sort(byKey);
  const integrity = new Map<string, ScopeIntegrity>(
    scopes.map((scope) => [scope, { rows: 0, intact: true, recorded: recorded.get(scope) ?? 0 }]),
  );
  for (const { scope, ...count } of counts)
    integrity.set(scope, { ...count, recorded: recorded.get(scope) ?? 0 });
  return { model: new Model(rows.map(storedResource)), revisions, integrity };
}

const ROW_COLUMNS = `r.scope, r.kind, r.name, r.tenant, r.hash, r.value::text as value,
            w.xid is not null as intact`;

/** The rows of the whole scopes ($1), and the rows found by key ($2–$4), by the primary key. */
const IN_WHOLE_SCOPES = `r.scope = any($1::text[])`;
const BY_KEY = `(r.scope, r.kind, r.name) in
      (select * from unnest($2::text[], $3::text[], $4::text[]) as k(scope, kind, name))`;

/** A row as one JSON array: scope, kind, name, tenant, hash, intact, value (jsonb's text). */
const ROW_ARRAY = `json_build_array(r.scope, r.kind, r.name, r.tenant, r.hash,
                                    w.xid is not null, r.value::text)`;

/** Each scope's rows counted, and whether ccac's transactions wrote them all. */
const INTEGRITY_COUNTS = writerCounts(`where ${IN_WHOLE_SCOPES}`);

type RowArray = [string, Kind, string, string | null, string, boolean, string];

/**
 * The whole scopes' rows, and the rows asked for by key outside them. The keys are a semi-join:
 * each found by the primary key. Joined to them instead, PostgreSQL hashed every row of the
 * table, values and all, spilling to disk (at 100,000 rows, 10,200 keys: ≈ 200 ms against
 * ≈ 100 ms in `explain analyze`). Where the adapter packs rows (PGlite: Queryable.packsRows),
 * each part comes back as one JSON text, as readState's values do.
 */
async function readRows(q: Queryable, request: SubsetRequest): Promise<ResourceRow[]> {
  const whole = new Set(request.whole);
  const keys = new Map<string, RowKey>();
  for (const key of request.keys)
    if (!whole.has(key.scope)) keys.set(`${key.scope}\u001f${key.kind}\u001f${key.name}`, key);
  const wanted = [...keys.values()];
  const params = [
    [...whole],
    wanted.map((key) => key.scope),
    wanted.map((key) => key.kind),
    wanted.map((key) => key.name),
  ];
  if (!q.packsRows)
    return q.query<ResourceRow>(
      `select ${ROW_COLUMNS}
         from ${RESOURCES_AND_WRITERS}
        where ${IN_WHOLE_SCOPES}
       union all
       select ${ROW_COLUMNS}
         from ${RESOURCES_AND_WRITERS}
        where ${BY_KEY}`,
      params,
    );
  const [found] = await q.query<{ whole: string | null; keyed: string | null }>(
    `select (select json_agg(${ROW_ARRAY})::text
               from ${RESOURCES_AND_WRITERS}
              where ${IN_WHOLE_SCOPES}) as whole,
            (select json_agg(${ROW_ARRAY})::text
               from ${RESOURCES_AND_WRITERS}
              where ${BY_KEY}
            ) as keyed`,
    params,
  );
  return [...rowsOf(found?.whole), ...rowsOf(found?.keyed)];
}

function rowsOf(text: string | null | undefined): ResourceRow[] {
  if (!text) return [];
  return (JSON.parse(text) as RowArray[]).map(
    ([scope, kind, name, tenant, hash, intact, value]) => ({
      scope,
      kind,
      name,
      tenant,
      hash,
      intact,
      value,
    }),
  );
}
