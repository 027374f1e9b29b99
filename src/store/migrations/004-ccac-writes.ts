import type { Migration } from './migration.js';

/**
 * Rows told from the transactions that wrote them, in place of 003's flag, which any SQL session
 * could keep set (`set ccac.writing = 'on'`, then any update):
 * - `ccac_writes`: the transactions in which ccac wrote a scope's rows (each id as `xmin` shows
 *   it). PostgreSQL stamps every row version with its writer's id and no SQL can choose it, so a
 *   row whose `xmin` is not listed was written by something else. Kept by ccac's writes only.
 *   Filled here with the ids of rows 003 vouched for whose values are what the recorded history
 *   last wrote there — every row of that id, so one edited row keeps its whole transaction out.
 * - `accepted_drift`: rows an apply found changed outside ccac and adopted (`--accept-drift`): the
 *   value it found (null: the row was gone), part of the revision it is recorded with and of its
 *   hash. For the history, the adopted value is what the address held when that revision's
 *   changes were made.
 */
export const ccacWrites: Migration = {
  version: 4,
  name: 'ccac-writes',
  statements: [
    `create table ccac_writes (
      scope text not null,
      xid text not null,
      primary key (scope, xid)
    )`,
    `insert into ccac_writes (scope, xid)
     select r.scope, r.xmin::text
       from resources r
       left join (select distinct on (c.scope, c.address) c.scope, c.address, c.after
                    from changes c
                   order by c.scope, c.address, c.revision desc) w
         on w.scope = r.scope and w.address = coalesce(r.tenant || '/', '') || r.kind || '/' || r.name
      group by r.scope, r.xmin::text
     having bool_and(r.vouched and w.after is not null
                     and (w.after -> 'spec') is not distinct from (r.value -> 'spec')
                     and nullif(w.after -> 'labels', 'null') is not distinct from
                         nullif(r.value -> 'labels', 'null'))`,
    `drop trigger if exists resources_written_outside_ccac on resources`,
    `drop function if exists ccac_unvouch_row()`,
    `alter table resources drop column vouched`,
    `create table accepted_drift (
      scope text not null,
      revision integer not null,
      address text not null,
      kind text not null,
      name text not null,
      value jsonb,
      primary key (scope, revision, address)
    )`,
  ],
};
