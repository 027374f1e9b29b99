import { compare } from '../diagnostics/diagnostic.js';
import type { Model, ModelResource, ResourceValue } from '../model/model.js';
import { diffValues } from '../plan/diff-values.js';
import type { Action, ResourceChange } from '../plan/plan.js';

/**
 * What differs between the state the recorded changes build and the state stored now, as changes
 * from "recorded" (before) to "stored now" (after): a resource only stored was created outside
 * ccac, one only recorded was deleted, one whose hash differs was updated. Sorted by address.
 * Hashes decide; fields are diffed only for the resources that differ.
 */
export function findDrift(recorded: Model, stored: Model): ResourceChange[] {
  const drift: ResourceChange[] = [];
  for (const [address, now] of stored.byAddress) {
    const was = recorded.byAddress.get(address);
    if (!was) drift.push(driftChange('create', now, null, now));
    else if (was.hash !== now.hash) drift.push(driftChange('update', now, was, now));
  }
  for (const [address, was] of recorded.byAddress) {
    if (!stored.byAddress.has(address)) drift.push(driftChange('delete', was, was, null));
  }
  return drift.sort((a, b) => compare(a.address, b.address));
}

function driftChange(
  action: Action,
  identity: ModelResource,
  was: ModelResource | null,
  now: ModelResource | null,
): ResourceChange {
  const before = was && valueOf(was);
  const after = now && valueOf(now);
  return {
    address: identity.address,
    tenant: identity.kind === 'Tenant' ? identity.name : identity.tenant,
    kind: identity.kind,
    name: identity.name,
    action,
    before,
    after,
    fields: diffValues(before, after),
  };
}

function valueOf(resource: ModelResource): ResourceValue {
  return resource.labels
    ? { labels: resource.labels, spec: resource.spec }
    : { spec: resource.spec };
}
