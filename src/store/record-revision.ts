import { canonicalText } from '../model/canonical-text.js';
import { summarize } from '../model/plan.js';
import type { Queryable } from './database.js';
import { rowKeyOf } from './resource-row.js';
import type { UnsealedRevisionFields } from './revision-hash.js';
import type { RevisionDraft } from './state-store.js';
import type { DriftedRow, RevisionRecord } from '../model/revision.js';

/** ISO 8601, UTC, milliseconds: the one text form of `created_at` that is hashed and read back. */
export const CREATED_AT_SQL = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Where a scope's next revision goes: what the database decides about it. */
export interface RevisionSlot {
  revision: number;
  id: number;
  createdAt: string;
  prevHash: string | null;
}

/**
 * Takes the next revision of each input's scope, in one statement for all: its number from
 * `scopes` (gap-free, since the scopes' locks are held and their rows updated in this
 * transaction), linked to the previous revision's hash; ids from the global sequence, increasing
 * in the inputs' order. Each scope's resource count moves by what its changes create and delete
 * (unknown stays unknown).
 */
export async function nextRevisions(
  tx: Queryable,
  inputs: readonly RevisionDraft[],
): Promise<Map<string, RevisionSlot>> {
  const scopes = inputs.map((input) => input.scope);
  if (new Set(scopes).size !== scopes.length)
    throw new Error(`one revision per scope, not ${scopes.join(', ')}`);
  for (const input of inputs) checkScope(input);
  const deltas = inputs.map(({ changes, acceptedDrift = [] }) => {
    const counts = summarize(changes);
    return counts.create - counts.delete + adoptedCount(acceptedDrift);
  });
  const rows = await tx.query<{
    scope: string;
    revision: number;
    created_at: string;
    prev_hash: string | null;
    id: number | string;
  }>(
    // The n-th smallest id goes to the n-th input. One id per row: an array of every id on each
    // row cost the driver 10,000 numbers to parse for 100 scopes.
    `with wanted as (
       select * from unnest($1::text[], $2::integer[]) with ordinality as w(scope, delta, n)
     ), bumped as (
       insert into scopes as s (scope, revision, resource_count)
       select scope, 1, delta from wanted
       on conflict (scope) do update
         set revision = s.revision + 1, resource_count = s.resource_count + excluded.resource_count
       returning s.scope, s.revision
     ), ids as (
       select row_number() over (order by id) as n, id
         from (select nextval('revision_id') as id from wanted) taken
     )
     select b.scope, b.revision,
            to_char(date_trunc('milliseconds', now()) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
            (select r.hash from revisions r
              where r.scope = b.scope and r.revision = b.revision - 1) as prev_hash,
            i.id
       from bumped b
       join wanted w on w.scope = b.scope
       join ids i on i.n = w.n`,
    [scopes, deltas],
  );
  const byScope = new Map(rows.map((row) => [row.scope, row]));
  return new Map(
    scopes.map((scope) => {
      const row = byScope.get(scope);
      if (!row) throw new Error(`no revision number for scope ${scope}`);
      const slot = {
        revision: row.revision,
        id: Number(row.id),
        createdAt: row.created_at,
        prevHash: row.prev_hash,
      };
      return [scope, slot];
    }),
  );
}

/** The fields of the revision an input records in its slot: all but its hash. */
export function revisionFields(draft: RevisionDraft, slot: RevisionSlot): UnsealedRevisionFields {
  const accepted = (draft.acceptedDrift ?? []).map(({ address, kind, name, stored }) => ({
    address,
    kind,
    name,
    value: stored,
  }));
  return {
    id: slot.id,
    scope: draft.scope,
    revision: slot.revision,
    actor: draft.actor,
    actorRole: draft.actorRole,
    createdAt: slot.createdAt,
    gitCommit: draft.gitCommit,
    counts: summarize(draft.changes),
    prevHash: slot.prevHash,
    ...(accepted.length > 0 ? { acceptedDrift: accepted } : {}),
  };
}

/** How adopting drift moves a scope's resource count: rows created outside ccac, less rows deleted. */
function adoptedCount(drift: readonly DriftedRow[]): number {
  let count = 0;
  for (const { recorded, stored } of drift) {
    if (recorded === null && stored !== null) count++;
    else if (recorded !== null && stored === null) count--;
  }
  return count;
}

/** Inserts revision rows, and the drift they adopted: one statement for each, for all of them. */
export async function insertRevisions(
  tx: Queryable,
  records: readonly RevisionRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const column = <T>(of: (record: RevisionRecord) => T) => records.map(of);
  await tx.query(
    `insert into revisions (scope, revision, id, actor, actor_role, created_at, config_digest,
                            git_commit, plan_digest, counts, prev_hash, hash)
     select * from unnest($1::text[], $2::integer[], $3::bigint[], $4::text[], $5::text[],
                          $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::jsonb[],
                          $11::text[], $12::text[])`,
    [
      column((r) => r.scope),
      column((r) => r.revision),
      column((r) => r.id),
      column((r) => r.actor),
      column((r) => r.actorRole),
      column((r) => r.createdAt),
      column((r) => r.configDigest),
      column((r) => r.gitCommit),
      column((r) => r.planDigest),
      column((r) => JSON.stringify(r.counts)),
      column((r) => r.prevHash),
      column((r) => r.hash),
    ],
  );
  const accepted = records.flatMap(({ scope, revision, acceptedDrift = [] }) =>
    acceptedDrift.map((drift) => ({ scope, revision, ...drift })),
  );
  if (accepted.length === 0) return;
  const field = <T>(of: (row: (typeof accepted)[number]) => T) => accepted.map(of);
  await tx.query(
    `insert into accepted_drift (scope, revision, address, kind, name, value)
     select * from unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::jsonb[])`,
    [
      field((a) => a.scope),
      field((a) => a.revision),
      field((a) => a.address),
      field((a) => a.kind),
      field((a) => a.name),
      field((a) => (a.value === null ? null : canonicalText(a.value))),
    ],
  );
}

function checkScope(input: RevisionDraft): void {
  for (const change of input.changes) {
    const { scope } = rowKeyOf(change);
    if (scope !== input.scope)
      throw new Error(`change ${change.address} belongs to scope ${scope}, not ${input.scope}`);
  }
}
