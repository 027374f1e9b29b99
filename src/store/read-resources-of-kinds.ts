import { addressOf } from '../model/address.js';
import type { Kind } from '../model/kinds.js';
import { Model, type ModelResource } from '../model/model.js';
import type { Queryable } from './database.js';

/**
 * One scope's stored resources of some kinds, as a model: for a reader that needs a few kinds
 * (the report's routing pictures), not the scope's thousands of users. Nothing is checked here:
 * what is drawn is what is stored.
 */
export async function readResourcesOfKinds(
  q: Queryable,
  scope: string,
  kinds: readonly Kind[],
): Promise<Model> {
  const rows = await q.query<Omit<ModelResource, 'address'>>(
    `select kind, name, tenant, hash, value -> 'spec' as spec, value -> 'labels' as labels
       from resources
      where scope = $1 and kind = any($2::text[])
      order by kind collate "C", name collate "C"`,
    [scope, [...kinds]],
  );
  return new Model(
    rows.map(({ labels, ...row }) => ({
      ...row,
      address: addressOf(row.kind, row.name, row.tenant),
      ...(labels ? { labels } : {}),
    })),
  );
}
