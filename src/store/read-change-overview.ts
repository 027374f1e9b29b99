import type { Kind } from '../model/kinds.js';
import type { Action } from '../plan/plan.js';
import type { Queryable } from './database.js';
import type { StoredChange } from './read-revisions.js';

/** How many changes of one kind and action a revision recorded. */
export interface ChangeCount {
  scope: string;
  revision: number;
  kind: Kind;
  action: Action;
  count: number;
}

/**
 * Per revision of some scopes, its change rows counted by kind and action: the database counts,
 * so a revision of 100,000 changes comes back as a few rows.
 */
export function readChangeCounts(q: Queryable, scopes: readonly string[]): Promise<ChangeCount[]> {
  return q.query<ChangeCount>(
    `select scope, revision, kind, action, count(*)::integer as count
       from changes
      where scope = any($1::text[])
      group by scope, revision, kind, action`,
    [[...scopes]],
  );
}

/**
 * The first `limit` changes of each revision asked for, taken a kind at a time (the first of
 * each kind, then the second of each…) so that every kind a revision touched is among them;
 * all of a revision's changes when it has no more. In the order asked for, then by address.
 * Only keys are ranked, on byte order ("C"): values are read for the changes returned alone.
 */
export function readFirstChanges(
  q: Queryable,
  revisions: readonly { scope: string; revision: number }[],
  limit: number,
): Promise<StoredChange[]> {
  return q.query<StoredChange>(
    `with wanted as (
       select * from unnest($1::text[], $2::integer[]) with ordinality as w (scope, revision, n)
     ), in_kind as (
       select w.n, c.address,
              row_number() over (partition by w.n, c.kind collate "C"
                                 order by c.address collate "C") as rank
         from changes c join wanted w on c.scope = w.scope and c.revision = w.revision
     ), picked as (
       -- a change ranked past the limit in its kind is past it among all kinds too
       select n, address,
              row_number() over (partition by n order by rank, address collate "C") as pick
         from in_kind
        where rank <= $3
     )
     select c.scope, c.revision, c.address, c.kind, c.name, c.action, c.before, c.after
       from picked p
       join wanted w on w.n = p.n
       join changes c on c.scope = w.scope and c.revision = w.revision and c.address = p.address
      where p.pick <= $3
      order by p.n, c.address collate "C"`,
    [revisions.map((r) => r.scope), revisions.map((r) => r.revision), limit],
  );
}
