import { createHash } from 'node:crypto';
import { compare } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from './address.js';
import type { Model, ModelResource } from './model.js';

/**
 * A digest of what a scope holds: each resource's kind, name, tenant and content hash, sorted by
 * kind and name. Two scopes with equal digests hold the same resources with the same values, so a
 * plan can take a stored scope whose digest matches the configuration's without reading its rows.
 * The store computes the same digest in SQL (store/scope-summaries.ts); a test keeps them equal.
 */
export function scopeDigest(resources: Iterable<ScopeDigestInput>): string {
  const lines: string[] = [];
  const sorted = [...resources].sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name));
  for (const r of sorted) lines.push(`${r.kind}\x1f${r.name}\x1f${r.tenant ?? ''}\x1f${r.hash}`);
  return createHash('sha256').update(lines.join('\x1e')).digest('hex');
}

export type ScopeDigestInput = Pick<ModelResource, 'kind' | 'name' | 'tenant' | 'hash'>;

/** The resources of one scope: a tenant with everything in it, or the organizations. */
export function resourcesOfScope(model: Model, scope: string): readonly ModelResource[] {
  return scope === GLOBAL_SCOPE ? model.organizations() : model.inTenant(scope);
}
