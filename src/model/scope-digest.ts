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
  // The signed 64-bit numbers summed as their signed high and unsigned low 32 bits, each in a
  // double, folded into the BigInt every million (exact below 2^53): no BigInt per resource.
  let sum = 0n;
  let high = 0;
  let low = 0;
  let count = 0;
  for (const r of resources) {
    const term = r.digestTerm ?? digestTerm(r);
    high += parseInt(term.slice(0, 8), 16) | 0;
    low += parseInt(term.slice(8, 16), 16);
    if (++count % FOLD_EVERY !== 0) continue;
    sum += BigInt(high) * 2n ** 32n + BigInt(low);
    high = low = 0;
  }
  return (sum + BigInt(high) * 2n ** 32n + BigInt(low)).toString();
}

/**
 * A resource's term of its scope's digest, as 16 hex digits (the first half of the md5): made
 * where a file is parsed, so a cold run's second thread makes those of the files it parses.
 */
export function digestTerm(r: ScopeDigestInput): string {
  return hash('md5', `${r.kind}\x1f${r.name}\x1f${r.tenant ?? ''}\x1f${r.hash}`).slice(0, 16);
}

/** Sums of up to this many 32-bit halves stay exact in a double. */
const FOLD_EVERY = 1 << 20;

export type ScopeDigestInput = Pick<
  ModelResource,
  'kind' | 'name' | 'tenant' | 'hash' | 'digestTerm'
>;

/** The resources of one scope: a tenant with everything in it, or the organizations. */
export function resourcesOfScope(model: Model, scope: string): readonly ModelResource[] {
  return scope === GLOBAL_SCOPE ? model.organizations() : model.inTenant(scope);
}
