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
  const sum = new DigestSum();
  for (const r of resources) sum.add(digestTerm(r));
  return sum.digest();
}

/**
 * A resource's term of its scope's digest: the first half of the md5 of its kind, name, tenant and
 * hash, as its signed high and unsigned low 32 bits. Known as soon as the hash is: the parse
 * makes it with the canonical value (workspace/load-with-entries.ts), so the summary only sums.
 */
export type DigestTerm = readonly [high: number, low: number];

export function digestTerm(r: ScopeDigestInput): DigestTerm {
  const md5 = hash('md5', `${r.kind}\x1f${r.name}\x1f${r.tenant ?? ''}\x1f${r.hash}`);
  return [parseInt(md5.slice(0, 8), 16) | 0, parseInt(md5.slice(8, 16), 16)];
}

/**
 * A sum of terms, as scopeDigest makes it. The signed 64-bit numbers are summed as their signed
 * high and unsigned low 32 bits, each in a double, folded into the BigInt every million (exact
 * below 2^53): no BigInt per resource.
 */
export class DigestSum {
  private sum = 0n;
  private high = 0;
  private low = 0;
  count = 0;

  add([high, low]: DigestTerm): void {
    this.high += high;
    this.low += low;
    if (++this.count % FOLD_EVERY !== 0) return;
    this.sum += BigInt(this.high) * 2n ** 32n + BigInt(this.low);
    this.high = this.low = 0;
  }

  digest(): string {
    return (this.sum + BigInt(this.high) * 2n ** 32n + BigInt(this.low)).toString();
  }
}

/** Sums of up to this many 32-bit halves stay exact in a double. */
const FOLD_EVERY = 1 << 20;

export type ScopeDigestInput = Pick<ModelResource, 'kind' | 'name' | 'tenant' | 'hash'>;

/** The resources of one scope: a tenant with everything in it, or the organizations. */
export function resourcesOfScope(model: Model, scope: string): readonly ModelResource[] {
  return scope === GLOBAL_SCOPE ? model.organizations() : model.inTenant(scope);
}
