import { addressOf } from '../model/address.js';
import type { Kind } from '../model/kinds.js';
import { Model, type ModelResource } from '../model/model.js';
import type { Queryable } from './database.js';

/**
 * Some scopes' stored resources of some kinds, as a model: for a reader that needs a few kinds
 * (the report's routing pictures), not the scopes' thousands of users. Nothing is checked here:
 * what is drawn is what is stored.
 */
export async function readResourcesOfKinds(
  q: Queryable,
  scopes: readonly string[],
  kinds: readonly Kind[],
): Promise<Model> {
  const rows = await q.query<Omit<ModelResource, 'address'>>(
    `select kind, name, tenant, hash, value -> 'spec' as spec, value -> 'labels' as labels
       from resources
      where scope = any($1::text[]) and kind = any($2::text[])
      order by scope collate "C", kind collate "C", name collate "C"`,
    [[...scopes], [...kinds]],
  );
  return new Model(
    rows.map(({ labels, ...row }) => ({
      ...row,
      address: addressOf(row.kind, row.name, row.tenant),
      ...(labels ? { labels } : {}),
    })),
  );
}
