import { sortKeys } from '../model/canonical-json.js';
import type { PlanSummary, ResourceChange } from '../plan/plan.js';
import type { Queryable } from './database.js';
import { chunks, rowKeyOf } from './resource-row.js';
import { revisionHash } from './revision-hash.js';
import type { RevisionInput, RevisionRecord } from './state-store.js';

/** ISO 8601, UTC, milliseconds: the one text form of `created_at` that is hashed and read back. */
export const CREATED_AT_SQL = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface Next {
  revision: number;
  id: number;
  created_at: string;
  prev_hash: string | null;
}

/**
 * Records the next revision of a scope: its number from `scopes` (gap-free, since the scope's lock
 * is held and the row is updated in this transaction), its id from the global sequence, linked to
 * the previous revision's hash, with its change rows inserted in batches.
 */
export async function recordRevision(tx: Queryable, input: RevisionInput): Promise<RevisionRecord> {
  for (const change of input.changes) {
    const { scope } = rowKeyOf(change);
    if (scope !== input.scope)
      throw new Error(`change ${change.address} belongs to scope ${scope}, not ${input.scope}`);
  }
  const [next] = await tx.query<Next>(
    `with bumped as (
       insert into scopes as s (scope, revision) values ($1, 1)
       on conflict (scope) do update set revision = s.revision + 1
       returning revision
     )
     select b.revision,
            nextval('revision_id') as id,
            to_char(date_trunc('milliseconds', now()) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
            (select r.hash from revisions r where r.scope = $1 and r.revision = b.revision - 1) as prev_hash
       from bumped b`,
    [input.scope],
  );
  if (!next) throw new Error(`no revision number for scope ${input.scope}`);
  const record: Omit<RevisionRecord, 'hash'> = {
    id: Number(next.id),
    scope: input.scope,
    revision: next.revision,
    actor: input.actor,
    actorRole: input.actorRole,
    createdAt: next.created_at,
    configDigest: input.configDigest,
    gitCommit: input.gitCommit,
    planDigest: input.planDigest,
    counts: countsOf(input.changes),
    prevHash: next.prev_hash,
  };
  const hash = revisionHash(record, input.changes);
  await tx.query(
    `insert into revisions (scope, revision, id, actor, actor_role, created_at, config_digest,
                            git_commit, plan_digest, counts, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9, $10::jsonb, $11, $12)`,
    [
      record.scope,
      record.revision,
      record.id,
      record.actor,
      record.actorRole,
      record.createdAt,
      record.configDigest,
      record.gitCommit,
      record.planDigest,
      JSON.stringify(record.counts),
      record.prevHash,
      hash,
    ],
  );
  await insertChangeRows(tx, input.scope, record.revision, input.changes);
  return { ...record, hash };
}

async function insertChangeRows(
  tx: Queryable,
  scope: string,
  revision: number,
  changes: readonly ResourceChange[],
): Promise<void> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(sortKeys(value)));
  for (const chunk of chunks(changes)) {
    await tx.query(
      `insert into changes (scope, revision, address, kind, name, action, before, after)
       select $1::text, $2::integer, * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])`,
      [
        scope,
        revision,
        chunk.map((c) => c.address),
        chunk.map((c) => c.kind),
        chunk.map((c) => c.name),
        chunk.map((c) => c.action),
        chunk.map((c) => json(c.before)),
        chunk.map((c) => json(c.after)),
      ],
    );
  }
}

export function countsOf(changes: readonly { action: ResourceChange['action'] }[]): PlanSummary {
  const counts: PlanSummary = { create: 0, update: 0, delete: 0 };
  for (const change of changes) counts[change.action]++;
  return counts;
}
