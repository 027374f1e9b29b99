import type { PlanSummary } from '../model/plan.js';
import type { Queryable } from './database.js';
import { CREATED_AT_SQL } from './record-revision.js';
import type { AcceptedDrift, RevisionRecord, StoredChange } from '../model/revision.js';

interface RevisionRow {
  id: number;
  scope: string;
  revision: number;
  actor: string;
  actor_role: string;
  created_at: string;
  config_digest: string;
  git_commit: string | null;
  plan_digest: string;
  counts: PlanSummary;
  prev_hash: string | null;
  hash: string;
}

/** Revisions of some scopes (all scopes when `scopes` is undefined), by scope then revision. */
export async function readRevisions(
  q: Queryable,
  scopes?: readonly string[],
): Promise<RevisionRecord[]> {
  const rows = await q.query<RevisionRow>(
    `select id, scope, revision, actor, actor_role, ${CREATED_AT_SQL} as created_at, config_digest,
            git_commit, plan_digest, counts, prev_hash, hash
       from revisions
      where $1::text[] is null or scope = any($1::text[])
      order by scope collate "C", revision`,
    [scopes ? [...scopes] : null],
  );
  const adopted = await readAcceptedDrift(q, scopes);
  return rows.map((row) => ({
    ...withAccepted(adopted.get(revisionKey(row.scope, row.revision))),
    id: Number(row.id),
    scope: row.scope,
    revision: row.revision,
    actor: row.actor,
    actorRole: row.actor_role,
    createdAt: row.created_at,
    configDigest: row.config_digest,
    gitCommit: row.git_commit,
    planDigest: row.plan_digest,
    counts: row.counts,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

/** The drift each revision of some scopes (all when undefined) adopted, by `scope revision`. */
async function readAcceptedDrift(
  q: Queryable,
  scopes?: readonly string[],
): Promise<Map<string, AcceptedDrift[]>> {
  const rows = await q.query<AcceptedDrift & { scope: string; revision: number }>(
    `select scope, revision, address, kind, name, value
       from accepted_drift
      where $1::text[] is null or scope = any($1::text[])
      order by scope, revision, address collate "C"`,
    [scopes ? [...scopes] : null],
  );
  const out = new Map<string, AcceptedDrift[]>();
  for (const { scope, revision, ...drift } of rows) {
    const key = revisionKey(scope, revision);
    const list = out.get(key);
    if (list) list.push(drift);
    else out.set(key, [drift]);
  }
  return out;
}

const revisionKey = (scope: string, revision: number) => `${scope}\u0000${revision}`;

/** The record's `acceptedDrift`, present only when there is some (as the hash has it). */
function withAccepted(drift: AcceptedDrift[] | undefined): { acceptedDrift?: AcceptedDrift[] } {
  return drift ? { acceptedDrift: drift } : {};
}

/**
 * The changes recorded with revisions of one scope in a range (inclusive), by revision then
 * address (readPackedChanges, unpacked).
 */
export async function readChanges(
  q: Queryable,
  scope: string,
  range: { from?: number; upTo?: number } = {},
): Promise<StoredChange[]> {
  return unpackChanges(scope, await readPackedChanges(q, scope, range));
}

/** A revision's changes as one JSON text: `[[address, kind, name, action, before, after], …]`. */
export interface PackedChanges {
  revision: number;
  changes: string;
}

/**
 * Where each revision's changes are joined into its text: by the database, in one aggregate; or
 * here, from a row per change that the database writes the change's text in.
 */
export type JoinedBy = 'database' | 'reader';

/**
 * The changes recorded with revisions of one scope in a range (inclusive), a row of JSON text per
 * revision, by revision, each in address order (byte order). A field per change costs more than
 * the change itself once there are many (100,000 changes read field by field: PGlite ≈ 1.4 s of
 * CPU, pg ≈ 0.5 s; packed ≈ 0.65 s and ≈ 0.3 s), and text is what a thread is sent cheaply. A
 * revision's text is smaller than what the apply that wrote it held of it. Joined by the reader,
 * a PostgreSQL server spends a third of the aggregate's CPU (sorting and copying every value's
 * text once more: the 100k report's 101 scopes ≈ 1.0 → 0.5 s of its backend), for ≈ 0.06 s more
 * here; an adapter that packs rows (PGlite: Queryable.packsRows) is better off with the aggregate.
 */
export async function readPackedChanges(
  q: Queryable,
  scope: string,
  range: { from?: number; upTo?: number } = {},
  joinedBy: JoinedBy = q.packsRows ? 'database' : 'reader',
): Promise<PackedChanges[]> {
  const params = [scope, range.from ?? 1, range.upTo ?? 2_147_483_647];
  if (joinedBy === 'database')
    return q.query<PackedChanges>(
      `select revision,
              json_agg(json_build_array(address, kind, name, action, before, after)
                       order by address collate "C")::text as changes
         from changes
        where scope = $1 and revision >= $2 and revision <= $3
        group by revision
        order by revision`,
      params,
    );
  const rows = await q.query<{ revision: number; change: string }>(
    `select revision,
            concat_ws(',', to_json(address), to_json(kind), to_json(name), to_json(action),
                      coalesce(before::text, 'null'), coalesce(after::text, 'null')) as change
       from changes
      where scope = $1 and revision >= $2 and revision <= $3
      order by revision, address collate "C"`,
    params,
  );
  return joinedByRevision(rows);
}

/**
 * Each revision's change texts (`address,kind,name,action,before,after`) as one JSON text of
 * arrays, made by one join: a flat string, which JSON.parse reads twice as fast as one made by
 * concatenation.
 */
function joinedByRevision(rows: readonly { revision: number; change: string }[]): PackedChanges[] {
  const out: PackedChanges[] = [];
  let pieces: string[] = [];
  rows.forEach(({ revision, change }, at) => {
    pieces.push(pieces.length === 0 ? '[[' : '],[', change);
    if (rows[at + 1]?.revision === revision) return;
    pieces.push(']]');
    out.push({ revision, changes: pieces.join('') });
    pieces = [];
  });
  return out;
}

/** readPackedChanges' rows of `scope` as changes, in the same order. */
export function unpackChanges(scope: string, packed: readonly PackedChanges[]): StoredChange[] {
  const out: StoredChange[] = [];
  for (const { revision, changes } of packed)
    for (const [address, kind, name, action, before, after] of JSON.parse(
      changes,
    ) as PackedChange[])
      out.push({ scope, revision, address, kind, name, action, before, after });
  return out;
}

/** A change as readPackedChanges packs it: address, kind, name, action, before, after. */
type PackedChange = [
  string,
  StoredChange['kind'],
  string,
  StoredChange['action'],
  StoredChange['before'],
  StoredChange['after'],
];
