import { Model, type ModelResource } from '../model/model.js';
import { hashed } from '../model/canonicalize.js';
import type { ResourceChange } from '../model/plan.js';

/** The state a plan leads to: the stored model with the changes laid over it. */
export function projectChanges(stored: Model, changes: readonly ResourceChange[]): Model {
  const byAddress = new Map(stored.byAddress);
  for (const change of changes) {
    if (change.action === 'delete' || change.after === null) {
      byAddress.delete(change.address);
      continue;
    }
    const resource: ModelResource = {
      kind: change.kind,
      name: change.name,
      tenant: change.kind === 'Tenant' || change.kind === 'Organization' ? null : change.tenant,
      address: change.address,
      ...hashed(change.after),
    };
    byAddress.set(change.address, resource);
  }
  return new Model(byAddress.values());
}
