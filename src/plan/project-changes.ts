import { Model, type ModelResource, type ResourceValue } from '../model/model.js';
import { NO_KNOWN_HASHES, type KnownHash } from './planned-value.js';
import { hashed } from '../model/canonicalize.js';
import type { ResourceChange } from '../model/plan.js';

/**
 * The state a plan leads to: the stored model with the changes laid over it. `known`: the hashes
 * of the changes' values where known (a saved plan's, made when it was opened), not made again.
 */
export function projectChanges(
  stored: Model,
  changes: readonly ResourceChange[],
  known: KnownHash = NO_KNOWN_HASHES,
): Model {
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
      ...valueWithHash(change.after, known(change.address, change.after)),
    };
    byAddress.set(change.address, resource);
  }
  return new Model(byAddress.values());
}

/**
 * The value and its hash: the known hash (the value as it is, every member kept, as `hashed` keeps
 * them), or the value's keys sorted and hashed now.
 */
function valueWithHash(
  value: ResourceValue,
  hash: string | undefined,
): ResourceValue & { hash: string } {
  if (hash === undefined) return hashed(value);
  return { ...value, hash };
}
