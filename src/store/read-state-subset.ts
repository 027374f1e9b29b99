import { addressOf } from '../model/address.js';
import type { Kind } from '../model/kinds.js';
import { Model, type ResourceValue } from '../model/model.js';
import type { ScopeIntegrity, StoredState } from '../model/stored-state.js';
import type { Queryable } from './database.js';
import {
  writerCounts,
  byKey,
  keyText,
  readCounters,
  RESOURCES_AND_WRITERS,
  storedResource,
  type ResourceRow,
} from './read-state.js';
import { storedValue } from './stored-value.js';
import { nextTurn } from '../support/in-turns.js';
import { startedEarly } from '../support/started-early.js';

/** One resource row by its key, as the primary key names it. */
export interface RowKey {
  scope: string;
  kind: Kind;
  name: string;
}

/**
 * A row asked for by key, and the value the caller holds for it with that value's hash (a
 * signed plan's `before`): where the row was written by ccac and still has that hash, its value
 * is the one held, as a row's stored hash is trusted for its value wherever ccac wrote it
 * (read-state.ts StoredResource), and it is not read. A row also asked for without one (what
 * authorization reads, which it checks value by value: audit/tampered-reads.ts) is read.
 */
export interface KeyedRow extends RowKey {
  held?: { value: ResourceValue; hash: string };
}

/** What to read of some scopes: their counters and integrity, and only some of their rows. */
export interface SubsetRequest {
  /** Scopes whose revisions and integrity are read: the integrity counts every row there. */
  scopes: readonly string[];
  /** Scopes read whole (the organizations: few rows, read by every authorization). */
  whole: readonly string[];
  /** Other rows, by key. */
  keys: readonly KeyedRow[];
}

/**
 * Part of the stored state of some scopes: each scope's revision, and whether all its rows are
 * as ccac's transactions left them (counted in the database, with no row sent), but only the rows
 * asked for. For an apply that needs a few rows of scopes of 100,000 (a signed plan's: the rows
 * it changes and those its actor's authorization reads), not every row.
 */
export async function readStateSubset(q: Queryable, request: SubsetRequest): Promise<StoredState> {
  const scopes = [...new Set(request.scopes)];
  // The count goes out first, and the keys' JSON (readRows) is made while the database counts
  // every row of the scopes, rather than after. Each is awaited in the order asked, so the first
  // failure is the one told; none is left unhandled meanwhile.
  const counted = startedEarly(
    Promise.all([
      q.query<{ scope: string; rows: number; intact: boolean }>(INTEGRITY_COUNTS, [scopes]),
      readCounters(q, scopes),
    ]),
  );
  await nextTurn();
  const keyed = startedEarly(readRows(q, request));
  const [counts, { revisions, recorded }] = await counted;
  const rows = await keyed;
  rows.sort(byKey);
  const integrity = new Map<string, ScopeIntegrity>(
    scopes.map((scope) => [scope, { rows: 0, intact: true, recorded: recorded.get(scope) ?? 0 }]),
  );
  for (const { scope, ...count } of counts)
    integrity.set(scope, { ...count, recorded: recorded.get(scope) ?? 0 });
  return { model: new Model(rows.map(storedResource)), revisions, integrity };
}

/** The rows of the whole scopes ($1), by the primary key. */
const IN_WHOLE_SCOPES = `r.scope = any($1::text[])`;

/**
 * The rows found by key ($2, a JSON array of keys, each with the hash of the value held for it,
 * if any; `at`: its place there, from 1), each by the primary key: a nested loop over the few
 * rows the JSON is estimated to hold. Whether ccac wrote a row is asked once per row, by
 * ccac_writes' primary key (`offset 0` keeps the two uses of it from each asking). Joined instead
 * (RESOURCES_AND_WRITERS), PostgreSQL, estimating json_to_recordset's default 100 keys to meet
 * one row, scanned every ccac_writes row for each of 10,200 rows (1.5 million comparisons, ≈ 2/3
 * of the read's time).
 */
const BY_KEY = `(select r.scope, r.kind, r.name, r.tenant, r.hash, r.value, k.hash as held, k.at,
                   exists (select 1 from ccac_writes w
                            where w.scope = r.scope and w.xid = r.xmin::text) as ccac
              from rows from (json_to_recordset($2::json)
                                as (scope text, kind text, name text, hash text))
                   with ordinality as k(scope, kind, name, hash, at)
              join resources r on r.scope = k.scope and r.kind = k.kind and r.name = k.name
            offset 0) r`;

/** A row as one JSON array: scope, kind, name, tenant, hash, intact, value (jsonb's text). */
const rowArray = (intact: string, value: string) =>
  `json_build_array(r.scope, r.kind, r.name, r.tenant, r.hash, ${intact}, ${value})`;

/**
 * A keyed row: where ccac wrote it and it hashes to the value held, only the key's place and the
 * row's tenant (its key, hash and value are the caller's: HeldArray); else the whole row
 * (RowArray), its value read. Most of a signed plan's rows are the first: a tenth of the text.
 */
const KEYED_ROW = `case when r.ccac and r.hash = r.held then json_build_array(r.at, r.tenant)
                        else ${rowArray('r.ccac', 'r.value::text')} end`;

/** Each scope's rows counted, and whether ccac's transactions wrote them all. */
const INTEGRITY_COUNTS = writerCounts(`where ${IN_WHOLE_SCOPES}`);

type RowArray = [string, Kind, string, string | null, string, boolean, string];

/** A keyed row ccac wrote with the value held for it: the key's place (from 1), the row's tenant. */
type HeldArray = [number, string | null];

/**
 * The whole scopes' rows, and the rows asked for by key outside them, those ccac wrote with the
 * value held for them without it (KEYED_ROW). Keys and rows cross as JSON texts, one each way: pg
 * escapes arrays of 30,000 strings one by one, and pg and PGlite decode 10,000 rows column by
 * column, each several times the JSON's cost; without their values the rows are narrow, and the
 * server's json_agg of them is cheap.
 */
async function readRows(q: Queryable, request: SubsetRequest): Promise<ResourceRow[]> {
  const whole = new Set(request.whole);
  const byKey = new Map<string, KeyedRow>();
  for (const key of request.keys) {
    if (whole.has(key.scope)) continue;
    // A row asked for also without a held value is read: authorization compares what it reads.
    const text = keyText(key);
    if (!byKey.has(text) || !key.held) byKey.set(text, key);
  }
  const keys = [...byKey.values()];
  const params = [
    [...whole],
    JSON.stringify(keys.map(({ held, ...key }) => ({ ...key, hash: held?.hash }))),
  ];
  const [found] = await q.query<{ whole: string | null; keyed: string | null }>(
    `select (select json_agg(${rowArray('w.xid is not null', 'r.value::text')})::text
               from ${RESOURCES_AND_WRITERS}
              where ${IN_WHOLE_SCOPES}) as whole,
            (select json_agg(${KEYED_ROW})::text
               from ${BY_KEY}) as keyed`,
    params,
  );
  return [...rowsOf(found?.whole, keys), ...rowsOf(found?.keyed, keys)];
}

/** A keyed row read without its value takes the value held for it: the row hashes to it. */
function heldRow([at, tenant]: HeldArray, keys: readonly KeyedRow[]): ResourceRow {
  const { scope, kind, name, held } = keys[at - 1]!;
  const { hash, value } = held!;
  const address = addressOf(kind, name, tenant);
  const resource = { kind, name, tenant, address, hash, ...storedValue(value) };
  return { scope, kind, name, tenant, hash, intact: true, value: resource };
}

function rowsOf(text: string | null | undefined, keys: readonly KeyedRow[]): ResourceRow[] {
  if (!text) return [];
  const rows = JSON.parse(text) as (RowArray | HeldArray)[];
  return rows.map((row) => (row.length === 2 ? heldRow(row, keys) : readRow(row)));
}

function readRow([scope, kind, name, tenant, hash, intact, value]: RowArray): ResourceRow {
  return { scope, kind, name, tenant, hash, intact, value };
}
