import type { Migration } from './migration.js';

/**
 * What lets a plan trust the store instead of re-hashing and replaying it:
 * - `resources.row_md5`: a checksum of the row as ccac wrote it (md5 of its scope, kind, name,
 *   tenant, hash and value as jsonb prints it, joined by chr(31): 003 reads it so), set by ccac's
 *   writes only until 003 replaced it. A row changed by any other SQL no longer matches it; rows stored before this
 *   migration have none and count as changed until ccac next writes them.
 * - `scopes.resource_count`: how many resources the scope's recorded revisions build, kept by
 *   every apply. Filled here from the recorded changes (the last change of each address), so it
 *   is exactly what a replay of the history gives.
 * It also drops the foreign key from `changes` to `revisions`: checked row by row it cost more
 * than half a second per 100,000 changes, and it guarded nothing ccac can get wrong — change rows
 * are inserted joined to the revisions just recorded in the same transaction. A revision removed
 * behind ccac's back is what `history verify` finds (its chain has a gap).
 */
export const integrity: Migration = {
  version: 2,
  name: 'integrity',
  statements: [
    `alter table resources add column row_md5 text`,
    `alter table scopes add column resource_count integer`,
    `alter table changes drop constraint if exists changes_scope_revision_fkey`,
    `update scopes s
        set resource_count = (
          select count(*)
            from (select distinct on (c.address) c.action, c.after
                    from changes c
                   where c.scope = s.scope
                   order by c.address, c.revision desc) last
           where last.action <> 'delete' and last.after is not null)`,
  ],
};
