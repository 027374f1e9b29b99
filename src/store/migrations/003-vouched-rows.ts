import type { Migration } from './migration.js';

/**
 * Rows vouched for by a flag the database keeps honest, in place of 002's checksum:
 * - `resources.vouched`: true on the rows ccac writes. Any other write to a row — an insert, an
 *   update of any column — clears it, by a trigger that lets ccac's own transactions (which set
 *   `ccac.writing`) through. Rows whose 002 checksum holds start vouched for.
 * - `row_md5` goes: an apply no longer renders each value as jsonb prints it to checksum it, nor
 *   does a plan's summary render every stored value again to check it.
 * Rows deleted by other SQL are told, as before, by a scope's row count against `resource_count`.
 * The trigger is AFTER, not BEFORE: a BEFORE row trigger would make COPY insert row by row.
 */
export const vouchedRows: Migration = {
  version: 3,
  name: 'vouched-rows',
  statements: [
    `alter table resources add column vouched boolean not null default false`,
    `update resources
        set vouched = coalesce(row_md5 = md5(concat_ws(chr(31), scope, kind, name, tenant, hash,
                                                       value::text)), false)`,
    `alter table resources drop column row_md5`,
    `create or replace function ccac_unvouch_row() returns trigger language plpgsql as $$
     begin
       update resources set vouched = false
        where scope = new.scope and kind = new.kind and name = new.name;
       return null;
     end $$`,
    `create trigger resources_written_outside_ccac after insert or update on resources
       for each row
       when (new.vouched and current_setting('ccac.writing', true) is distinct from 'on')
       execute function ccac_unvouch_row()`,
  ],
};
