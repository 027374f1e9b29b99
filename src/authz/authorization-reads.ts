import { addressOf, GLOBAL_SCOPE, scopeOfAddress } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { OrganizationReference } from '../model/stored-state.js';
import { normalizeActor } from './actor.js';

/**
 * The stored rows that decide what the actor may do (SPEC §3), by address: in each tenant its
 * Tenant row (whether the tenant is stored decides bootstrap) and the actor's User row, and the
 * Organization that user comes from (its type picks the permission rows). When organizations
 * may change, the same in every tenant that references them — through rows the store read or
 * the history recorded — and the referencing rows themselves. Nothing without an actor. Pure.
 */
export function authorizationReads(input: {
  actor: string | undefined;
  stored: Model;
  scopes: Iterable<string>;
  organizationReferences?: readonly OrganizationReference[];
}): string[] {
  const actor = normalizeActor(input.actor);
  if (!actor) return [];
  const scopes = new Set(input.scopes);
  const references = input.organizationReferences ?? [];
  const reads = new Set(references.map((ref) => ref.address));
  const tenants = new Set([...scopes].filter((scope) => scope !== GLOBAL_SCOPE));
  for (const ref of references) tenants.add(scopeOfAddress(ref.address));
  if (scopes.has(GLOBAL_SCOPE))
    for (const tenant of input.stored.tenantNames()) tenants.add(tenant);
  for (const tenant of tenants) {
    reads.add(addressOf('Tenant', tenant, null));
    reads.add(addressOf('User', actor, tenant));
    const organization = input.stored.get('User', actor, tenant)?.spec.organization;
    if (organization !== undefined && organization !== tenant)
      reads.add(addressOf('Organization', organization, null));
  }
  return [...reads].sort();
}
