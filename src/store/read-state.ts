import { addressOf } from '../model/address.js';
import { hashed } from '../model/canonicalize.js';
import type { Kind } from '../model/kinds.js';
import { Model, type ModelResource, type ResourceValue } from '../model/model.js';
import { compare } from '../diagnostics/diagnostic.js';
import type { Queryable } from './database.js';
import type { OrganizationReference, ScopeIntegrity, StoredState } from '../model/stored-state.js';
import { recordedSql } from './recorded-values.js';
import { storedValue } from './stored-value.js';

/**
 * Resource rows `r`, each with `w.xid` set when it was last written by one of ccac's transactions
 * (migration 004): the id PostgreSQL stamped on the row version is one ccac recorded for the
 * scope. A row written by any other SQL carries that session's id, whatever it sets, so only
 * ccac's writes pass; its stored hash can then be trusted, and a scope of such rows needs no
 * comparison with its history. A join rather than a subquery per row: planned as one, it is
 * costed as cheaply as the scan it is (a subquery's estimate woke PostgreSQL's JIT compiler).
 */
export const RESOURCES_AND_WRITERS = `resources r
  left join ccac_writes w on w.scope = r.scope and w.xid = r.xmin::text`;

/**
 * Each scope's rows counted, and whether ccac's transactions wrote them all (as
 * RESOURCES_AND_WRITERS decides): the rows `where` selects are grouped by the transaction that
 * wrote them first (a scope's rows come from a few applies), and only those groups are matched to
 * ccac_writes; matched row by row, every row's xid was made text and hashed (PGlite, 100,000 rows:
 * ≈ 450 ms of CPU against ≈ 150 ms). `sums`: more per-scope sums (as text), by name, each an
 * expression over the row `r`.
 */
export function writerCounts(where: string, sums: Readonly<Record<string, string>> = {}): string {
  const names = Object.keys(sums);
  const inner = names.map((name) => `, sum(${sums[name]}) as ${name}`).join('');
  const outer = names.map((name) => `, sum(c.${name})::text as ${name}`).join('');
  return `select c.scope, sum(c.rows)::int as rows, bool_and(w.xid is not null) as intact${outer}
    from (select r.scope, r.xmin, count(*) as rows${inner}
            from resources r ${where}
           group by r.scope, r.xmin) c
    left join ccac_writes w on w.scope = c.scope and w.xid = c.xmin::text
   group by c.scope`;
}

export interface ResourceRow {
  scope: string;
  kind: Kind;
  name: string;
  tenant: string | null;
  hash: string;
  /**
   * The stored value as jsonb renders it, parsed only when someone reads the resource's spec; or
   * the declared resource whose value it is (readState's `declared`).
   */
  value: string | ModelResource;
  /** Whether the row was last written by one of ccac's transactions (RESOURCES_AND_WRITERS). */
  intact: boolean;
}

/**
 * The resources and latest revision numbers of some scopes, in one query each for all scopes.
 * A row as ccac wrote it keeps its stored hash and is parsed on first use; a row changed outside
 * ccac is parsed and hashed now, so its edited value plans as a change. What the read learned
 * about each scope's rows comes along (StoredState.integrity) for the drift check.
 *
 * `declared`: the configuration planned against these scopes, when there is one. A row as ccac
 * wrote it whose hash is the one declared at its address holds the declared value, so its value
 * is not sent: it is taken from the configuration, as a scope whose summary matches is taken
 * whole (workspace/unchanged-scopes.ts). Only the other rows' values are read, by key: after a
 * change to 1% of 100,000 resources, 10,000 values cross the connection instead of 100,000.
 */
export async function readState(
  q: Queryable,
  scopes: readonly string[],
  declared?: Model,
): Promise<StoredState> {
  const wanted = [...new Set(scopes)];
  // Revisions first: outside a transaction the two reads see different moments, and a base
  // revision read before the resources can only be older than them — an apply then finds the
  // plan stale, never a plan made on older resources passing as current.
  const { revisions, recorded } = await readCounters(q, wanted);
  const rows = (declared && (await rowsLike(q, wanted, declared))) ?? (await allRows(q, wanted));
  return {
    model: new Model(rows.map(storedResource)),
    revisions,
    integrity: integrityOf(wanted, rows, recorded),
  };
}

/** Every row of the scopes with its value, in key order. */
async function allRows(q: Queryable, scopes: readonly string[]): Promise<ResourceRow[]> {
  const rows = await q.query<ResourceRow>(
    `select r.scope, r.kind, r.name, r.tenant, r.hash, r.value::text as value,
            w.xid is not null as intact
       from ${RESOURCES_AND_WRITERS}
      where r.scope = any($1::text[])`,
    [scopes],
  );
  // Sorted here rather than in SQL: a sort of wide rows spills to disk.
  return rows.sort(byKey);
}

/**
 * Every row of the scopes, in key order, with the value of those `declared` does not vouch for
 * (readState): the keys and hashes of all rows, then the values of the others by key. Undefined
 * when a row read for its value is gone or no longer the one keyed (a write in between): read
 * again in one query.
 */
async function rowsLike(
  q: Queryable,
  scopes: readonly string[],
  declared: Model,
): Promise<ResourceRow[] | undefined> {
  // Each scope's rows aggregated by a subquery of its own, over the scope's range of the primary
  // key: grouped by scope in one query, PostgreSQL aggregated 100,000 rows in a hash table that
  // spilled to disk (work_mem) and took ≈ 1.3–1.4× as long (bench/HISTORY.md, Session 15). A
  // scope holding no row gets null.
  const texts = await q.query<{ scope: string; rows: string | null }>(
    `select s.scope,
            (select json_agg(json_build_array(r.kind, r.name, r.tenant, r.hash, w.xid is not null))
               from ${RESOURCES_AND_WRITERS}
              where r.scope = s.scope)::text as rows
       from unnest($1::text[]) as s(scope)`,
    [scopes],
  );
  const rows: ResourceRow[] = [];
  const unvouched: ResourceRow[] = [];
  for (const { scope, rows: text } of texts) {
    if (text === null) continue;
    // One JSON text per scope: decoding 100,000 rows of five columns costs the driver several
    // times what parsing their JSON does.
    for (const [kind, name, tenant, hash, intact] of JSON.parse(text) as RowHead[]) {
      const same = intact ? declared.get(kind, name, tenant) : undefined;
      const row = { scope, kind, name, tenant, hash, intact, value: same ?? '' };
      rows.push(row);
      if (same?.hash !== hash) unvouched.push(row);
    }
  }
  const values = await valuesOf(q, unvouched);
  for (const row of unvouched) {
    const read = values.get(keyText(row));
    if (!read || read.hash !== row.hash || read.intact !== row.intact) return undefined;
    row.value = read.value;
  }
  return rows.sort(byKey);
}

/** A row but for its scope and value, as rowsLike reads it: kind, name, tenant, hash, intact. */
type RowHead = [Kind, string, string | null, string, boolean];

/**
 * The values of some rows, by key (keyText), with the hash and writer they carry now. Keys and
 * rows cross the connection as JSON texts: for 10,000 rows a third less of this process's time
 * than arrays of parameters and rows of columns.
 */
async function valuesOf(
  q: Queryable,
  keys: readonly ResourceRow[],
): Promise<Map<string, Pick<ResourceRow, 'hash' | 'intact'> & { value: string }>> {
  if (keys.length === 0) return new Map();
  const [found] = await q.query<{ rows: string | null }>(
    `select json_agg(json_build_array(r.scope, r.kind, r.name, r.hash, w.xid is not null,
                                      r.value::text))::text as rows
       from json_to_recordset($1::json) as k(scope text, kind text, name text)
       join resources r on r.scope = k.scope and r.kind = k.kind and r.name = k.name
       left join ccac_writes w on w.scope = r.scope and w.xid = r.xmin::text`,
    [JSON.stringify(keys.map(({ scope, kind, name }) => ({ scope, kind, name })))],
  );
  const rows = JSON.parse(found?.rows ?? '[]') as [string, Kind, string, string, boolean, string][];
  return new Map(
    rows.map(([scope, kind, name, hash, intact, value]) => [
      keyText({ scope, kind, name }),
      { hash, intact, value },
    ]),
  );
}

type RowKeyed = Pick<ResourceRow, 'scope' | 'kind' | 'name'>;

/** A row's primary key as one map key. */
export function keyText({ scope, kind, name }: RowKeyed): string {
  return `${scope}\u001f${kind}\u001f${name}`;
}

/** Each scope's latest revision number (0 when it has none). */
export async function scopeRevisions(
  q: Queryable,
  scopes: readonly string[],
): Promise<Map<string, number>> {
  return (await readCounters(q, [...new Set(scopes)])).revisions;
}

/** Each scope's revision number and recorded resource count, from `scopes`. */
export async function readCounters(q: Queryable, scopes: readonly string[]) {
  const revisions = new Map(scopes.map((scope) => [scope, 0]));
  // A scope without revisions was never written by ccac: it should hold no rows.
  const recorded = new Map<string, number | null>(scopes.map((scope) => [scope, 0]));
  const rows = await q.query<{ scope: string; revision: number; resource_count: number | null }>(
    'select scope, revision, resource_count from scopes where scope = any($1::text[])',
    [scopes],
  );
  for (const row of rows) {
    revisions.set(row.scope, row.revision);
    recorded.set(row.scope, row.resource_count);
  }
  return { revisions, recorded };
}

/** Scope, kind, name, as the primary key orders them in the "C" collation. */
export function byKey(a: ResourceRow, b: ResourceRow): number {
  return compare(a.scope, b.scope) || compare(a.kind, b.kind) || compare(a.name, b.name);
}

function integrityOf(
  scopes: readonly string[],
  rows: readonly ResourceRow[],
  recorded: ReadonlyMap<string, number | null>,
): Map<string, ScopeIntegrity> {
  const out = new Map<string, ScopeIntegrity>(
    scopes.map((scope) => [scope, { rows: 0, intact: true, recorded: recorded.get(scope) ?? 0 }]),
  );
  for (const row of rows) {
    const scope = out.get(row.scope);
    if (!scope) continue;
    scope.rows++;
    scope.intact &&= row.intact;
  }
  return out;
}

export function storedResource(row: ResourceRow): ModelResource {
  // A declared value brings its address: none is made again for 90,000 rows.
  if (typeof row.value !== 'string') return declaredValue(row.value);
  const address = addressOf(row.kind, row.name, row.tenant);
  if (row.intact) return new StoredResource(row as ResourceRow & { value: string }, address);
  const { kind, name, tenant } = row;
  return { kind, name, tenant, address, ...hashed(valueOf(row.value)) };
}

/** A stored row that holds a declared resource's value: that resource, without its origin. */
function declaredValue(resource: ModelResource): ModelResource {
  const { kind, name, tenant, address, hash, spec, labels } = resource;
  return labels
    ? { kind, name, tenant, address, hash, spec, labels }
    : { kind, name, tenant, address, hash, spec };
}

/**
 * A resource read as ccac wrote it: its stored hash is trusted and its value parsed on first
 * read of `spec` or `labels` — a plan that changes little reads few of them. Those two are own
 * enumerable getters, so `{ ...resource }` and JSON.stringify see them like plain properties.
 */
class StoredResource implements ModelResource {
  readonly kind: Kind;
  readonly name: string;
  readonly tenant: string | null;
  readonly address: string;
  readonly hash: string;
  declare readonly spec: ModelResource['spec'];
  declare readonly labels?: ModelResource['labels'];
  #text: string;
  #value: ResourceValue | undefined;

  constructor(row: ResourceRow & { value: string }, address: string) {
    this.kind = row.kind;
    this.name = row.name;
    this.tenant = row.tenant;
    this.address = address;
    this.hash = row.hash;
    this.#text = row.value;
    // defineProperty with shared descriptors: several times cheaper than getters in a literal.
    Object.defineProperty(this, 'spec', StoredResource.#spec);
    Object.defineProperty(this, 'labels', StoredResource.#labels);
  }

  #parsed(): ResourceValue {
    return (this.#value ??= valueOf(this.#text));
  }

  static readonly #spec = {
    get(this: StoredResource) {
      return this.#parsed().spec;
    },
    enumerable: true,
  };

  static readonly #labels = {
    get(this: StoredResource) {
      return this.#parsed().labels;
    },
    enumerable: true,
  };
}

function valueOf(text: string): ResourceValue {
  return storedValue(JSON.parse(text));
}

/**
 * Every scope: those with a revision counter, and those holding rows (rows inserted by other SQL
 * into a scope ccac never wrote). The scopes holding rows are found by walking the primary key
 * from one scope to the next — an index probe per scope — rather than by reading every row:
 * 0.5 s of the report on PGlite at 100,000 rows, 25 ms so.
 */
export async function listScopes(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ scope: string }>(
    `with recursive holding (scope) as (
       (select scope from resources order by scope limit 1)
       union all
       select (select r.scope from resources r where r.scope > h.scope order by r.scope limit 1)
         from holding h
        where h.scope is not null)
     select scope from scopes union select scope from holding where scope is not null`,
  );
  return rows.map((row) => row.scope).sort();
}

/**
 * Stored Tenants whose spec.partner, and Users whose spec.organization, names one of the
 * organizations — as stored, or as the recorded history last wrote them: a row edited outside
 * ccac to drop its reference still counts, so whoever may change the organization is not
 * decided by the edit (and the edited row is then found tampered: audit/tampered-reads.ts).
 * It spans all scopes by nature (who points at this organization?), so it is the one query
 * without a scope filter.
 */
export async function organizationReferences(
  q: Queryable,
  organizations: readonly string[],
): Promise<OrganizationReference[]> {
  if (organizations.length === 0) return [];
  const rows = await q.query<{
    kind: Kind;
    name: string;
    tenant: string | null;
    organization: string;
  }>(
    `select kind, name, tenant, value->'spec'->>'partner' as organization
       from resources
      where kind = 'Tenant' and value->'spec'->>'partner' = any($2::text[])
     union
     select kind, name, tenant, value->'spec'->>'organization' as organization
       from resources
      where kind = 'User' and value->'spec'->>'organization' = any($2::text[])
     union
     select kind, name, case when kind = 'User' then scope end,
            value->'spec'->>(case when kind = 'Tenant' then 'partner' else 'organization' end)
       from (${recordedSql(`and kind in ('Tenant', 'User')`)}) w
      where value->'spec'->>(case when kind = 'Tenant' then 'partner' else 'organization' end)
            = any($2::text[])`,
    [null, [...organizations]],
  );
  return rows
    .map((row) => ({
      address: addressOf(row.kind, row.name, row.tenant),
      organization: row.organization,
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/**
 * The chain hash of each scope's revision as given (a plan's base revisions): which history a
 * plan was made on. A scope at revision 0, or at one the store does not hold, has none.
 */
export async function revisionHashes(
  q: Queryable,
  bases: Readonly<Record<string, { baseRevision: number }>>,
): Promise<Map<string, string>> {
  const entries = Object.entries(bases).filter(([, { baseRevision }]) => baseRevision > 0);
  if (entries.length === 0) return new Map();
  const rows = await q.query<{ scope: string; hash: string }>(
    `select r.scope, r.hash
       from revisions r
       join unnest($1::text[], $2::int[]) as b(scope, revision)
         on r.scope = b.scope and r.revision = b.revision`,
    [entries.map(([scope]) => scope), entries.map(([, { baseRevision }]) => baseRevision)],
  );
  return new Map(rows.map((row) => [row.scope, row.hash]));
}

export async function planApplied(q: Queryable, planDigest: string): Promise<boolean> {
  const rows = await q.query('select 1 from revisions where plan_digest = $1 limit 1', [
    planDigest,
  ]);
  return rows.length > 0;
}
