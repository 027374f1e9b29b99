import { isGlobalKind } from '../model/kinds.js';
import { hashed } from '../model/canonicalize.js';
import { Model, type ModelResource } from '../model/model.js';
import type { StoredChange } from '../model/revision.js';

/**
 * The state that recorded changes build, replayed in order (by scope, then revision).
 * With every change up to a revision, this is the store as it was then.
 */
export function replayChanges(changes: Iterable<StoredChange>): Model {
  const byAddress = new Map<string, ModelResource>();
  for (const change of changes) {
    if (change.action === 'delete' || change.after === null) {
      byAddress.delete(change.address);
      continue;
    }
    byAddress.set(change.address, {
      kind: change.kind,
      name: change.name,
      tenant: isGlobalKind(change.kind) ? null : (change.address.split('/')[0] ?? null),
      address: change.address,
      ...hashed(change.after),
    });
  }
  return new Model(byAddress.values());
}
