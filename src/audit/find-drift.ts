import { compare } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { resourceChange } from '../plan/make-plan.js';
import type { ResourceChange } from '../plan/plan.js';

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
    if (!was) drift.push(resourceChange('create', now, null, now));
    else if (was.hash !== now.hash) drift.push(resourceChange('update', now, was, now));
  }
  for (const [address, was] of recorded.byAddress) {
    if (!stored.byAddress.has(address)) drift.push(resourceChange('delete', was, was, null));
  }
  return drift.sort((a, b) => compare(a.address, b.address));
}
