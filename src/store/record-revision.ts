import type { PlanSummary, ResourceChange } from '../plan/plan.js';
import type { ChangeTexts } from './canonical-text.js';
import type { Queryable } from './database.js';
import { rowKeyOf } from './resource-row.js';
import { revisionHashOfTexts } from './revision-hash.js';
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
 * Inserts the next revision of a scope: its number from `scopes` (gap-free, since the scope's lock
 * is held and the row is updated in this transaction), its id from the global sequence, linked to
 * the previous revision's hash. The scope's resource count moves by what the changes create and
 * delete (unknown stays unknown). The caller writes the change rows (ChangeWriter).
 */
export async function insertRevision(
  tx: Queryable,
  input: RevisionInput,
  texts: ChangeTexts,
): Promise<RevisionRecord> {
  for (const change of input.changes) {
    const { scope } = rowKeyOf(change);
    if (scope !== input.scope)
      throw new Error(`change ${change.address} belongs to scope ${scope}, not ${input.scope}`);
  }
  const counts = countsOf(input.changes);
  const [next] = await tx.query<Next>(
    `with bumped as (
       insert into scopes as s (scope, revision, resource_count) values ($1, 1, $2)
       on conflict (scope) do update
         set revision = s.revision + 1, resource_count = s.resource_count + excluded.resource_count
       returning revision
     )
     select b.revision,
            nextval('revision_id') as id,
            to_char(date_trunc('milliseconds', now()) at time zone 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
            (select r.hash from revisions r where r.scope = $1 and r.revision = b.revision - 1) as prev_hash
       from bumped b`,
    [input.scope, counts.create - counts.delete],
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
    counts,
    prevHash: next.prev_hash,
  };
  const changes = input.changes.map((change) => {
    const { address, kind, name, action } = change;
    return { address, kind, name, action, ...texts.of(change) };
  });
  const hash = revisionHashOfTexts(record, changes);
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
  return { ...record, hash };
}

export function countsOf(changes: readonly { action: ResourceChange['action'] }[]): PlanSummary {
  const counts: PlanSummary = { create: 0, update: 0, delete: 0 };
  for (const change of changes) counts[change.action]++;
  return counts;
}
