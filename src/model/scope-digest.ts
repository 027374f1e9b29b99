import { hash } from 'node:crypto';
import { GLOBAL_SCOPE } from './address.js';
import type { Model, ModelResource } from './model.js';

/**
 * A digest of what a scope holds: the sum of a 64-bit number drawn from each resource's kind,
 * name, tenant and content hash (the first half of their md5, signed). Two scopes with equal
 * digests hold the same resources with the same values, so a plan can take a stored scope whose
 * digest matches the configuration's without reading its rows. A sum needs no order: the store
 * computes it in SQL (store/scope-summaries.ts) as a parallel aggregate over unsorted rows, and a
 * test keeps both equal.
 */
export function scopeDigest(resources: Iterable<ScopeDigestInput>): string {
  let sum = 0n;
  for (const r of resources) {
    const md5 = hash('md5', `${r.kind}\x1f${r.name}\x1f${r.tenant ?? ''}\x1f${r.hash}`);
    sum += BigInt.asIntN(64, BigInt(`0x${md5.slice(0, 16)}`));
  }
  return sum.toString();
}

export type ScopeDigestInput = Pick<ModelResource, 'kind' | 'name' | 'tenant' | 'hash'>;

/** The resources of one scope: a tenant with everything in it, or the organizations. */
export function resourcesOfScope(model: Model, scope: string): readonly ModelResource[] {
  return scope === GLOBAL_SCOPE ? model.organizations() : model.inTenant(scope);
}
