import type { Migration } from './migration.js';

/**
 * Each resource's term of its scope's digest (model/scope-digest.ts: the first 64 bits of the
 * md5 of its key and hash), kept with the row by the database itself: every plan sums the terms
 * of 100,000 rows (store/scope-summaries.ts), and computing their md5 there cost the server
 * ≈ 0.3 s of CPU per plan, beside the parse on the same cores; an insert or update now pays it
 * once. Generated, so no writer can store a term that is not its row's.
 *
 * Adding it rewrites every row under this transaction's id, which ccac_writes (004) does not
 * list: the scopes whose every row ccac's transactions wrote are listed again with it. A scope
 * holding a row written outside ccac is not: all its rows are read and compared with the history
 * until ccac writes them again, as rows of unknown origin are.
 */
export const digestTerms: Migration = {
  version: 6,
  name: 'digest-terms',
  statements: [
    `create temporary table ccac_intact_scopes on commit drop as
     select r.scope
       from resources r
       left join ccac_writes w on w.scope = r.scope and w.xid = r.xmin::text
      group by r.scope
     having bool_and(w.xid is not null)`,
    `alter table resources add column digest_term bigint generated always as (
      ('x' || left(md5(kind || chr(31) || name || chr(31) || coalesce(tenant, '') || chr(31) || hash),
                   16))::bit(64)::bigint
    ) stored`,
    `insert into ccac_writes (scope, xid)
     select distinct r.scope, r.xmin::text
       from resources r
       join ccac_intact_scopes i on i.scope = r.scope
     on conflict do nothing`,
  ],
};
