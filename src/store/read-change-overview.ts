import type { Queryable } from './database.js';
import type { StoredChange } from '../model/revision.js';

/**
 * The first `limit` changes of each revision asked for, taken a kind at a time (the first of
 * each kind, then the second of each…) so that every kind a revision touched is among them
 * (there are fewer kinds than a page shows changes); all of them when it has no more. In the
 * order asked for, then by address. Keys are ranked a revision at a time, on byte order ("C"):
 * small sorts that stay in memory; values are read for the changes returned alone, a key at a
 * time. `offset 0` keeps that read after the ranking: without it the planner may join the
 * revision's rows first and rank them again for each of its rows, which it does whenever its
 * statistics guess one row per revision (a table never analyzed: always on PGlite, which has
 * no autovacuum) — 20 s for ten revisions of 1,000 changes.
 */
export function readFirstChanges(
  q: Queryable,
  revisions: readonly { scope: string; revision: number }[],
  limit: number,
): Promise<StoredChange[]> {
  return q.query<StoredChange>(
    `select w.scope, w.revision, p.address, c.kind, c.name, c.action, c.before, c.after
       from unnest($1::text[], $2::integer[]) with ordinality as w (scope, revision, n)
      cross join lateral (
        select address from (
          select address, row_number() over (order by rank, address collate "C") as pick
            from (select address,
                         row_number() over (partition by kind collate "C"
                                            order by address collate "C") as rank
                    from changes c
                   where c.scope = w.scope and c.revision = w.revision) ranked
           -- a change ranked past the limit in its kind is past it among all kinds too
           where rank <= $3) picked
         where pick <= $3) p
      cross join lateral (
        select kind, name, action, before, after from changes c
         where c.scope = w.scope and c.revision = w.revision and c.address = p.address
        offset 0) c
      order by w.n, p.address collate "C"`,
    [revisions.map((r) => r.scope), revisions.map((r) => r.revision), limit],
  );
}
