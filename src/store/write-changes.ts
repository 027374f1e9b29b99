import { hashed } from '../model/canonicalize.js';
import type { ResourceChange } from '../plan/plan.js';
import type { Queryable } from './database.js';
import { chunks, rowKeyOf } from './resource-row.js';

/**
 * Applies changes to `resources` set-based: upserts and deletes each go as `unnest` arrays,
 * a thousand rows per statement, never one round trip per resource.
 */
export async function writeChanges(
  tx: Queryable,
  changes: readonly ResourceChange[],
): Promise<void> {
  const upserts = changes.filter((c) => c.action !== 'delete');
  const deletes = changes.filter((c) => c.action === 'delete');
  for (const chunk of chunks(deletes)) {
    const keys = chunk.map(rowKeyOf);
    await tx.query(
      `delete from resources r
        using unnest($1::text[], $2::text[], $3::text[]) as d(scope, kind, name)
        where r.scope = d.scope and r.kind = d.kind and r.name = d.name`,
      [keys.map((k) => k.scope), chunk.map((c) => c.kind), chunk.map((c) => c.name)],
    );
  }
  for (const chunk of chunks(upserts)) {
    const keys = chunk.map(rowKeyOf);
    const values = chunk.map((change) => {
      if (!change.after)
        throw new Error(`${change.action} of ${change.address} has no after value`);
      const { hash, ...value } = hashed(change.after);
      return { value: JSON.stringify(value), hash };
    });
    await tx.query(
      `insert into resources (scope, kind, name, tenant, value, hash)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[])
       on conflict (scope, kind, name)
       do update set tenant = excluded.tenant, value = excluded.value, hash = excluded.hash`,
      [
        keys.map((k) => k.scope),
        chunk.map((c) => c.kind),
        chunk.map((c) => c.name),
        keys.map((k) => k.tenant),
        values.map((v) => v.value),
        values.map((v) => v.hash),
      ],
    );
  }
}
