import type { ResourceChange } from '../model/plan.js';

/** A tenant a plan deletes whole, and how many resources go with it (the Tenant included). */
export interface TenantDestroy {
  tenant: string;
  resources: number;
}

/** The tenants a plan deletes whole (their Tenant resource goes, and everything in it), sorted. */
export function destroyedTenants(changes: readonly ResourceChange[]): string[] {
  return changes
    .filter((change) => change.kind === 'Tenant' && change.action === 'delete')
    .map((change) => change.name)
    .sort();
}

/** destroyedTenants with their counts of deleted resources. */
export function tenantDestroys(changes: readonly ResourceChange[]): TenantDestroy[] {
  const destroyed = destroyedTenants(changes);
  if (destroyed.length === 0) return [];
  const counts = new Map(destroyed.map((tenant) => [tenant, 0]));
  for (const change of changes) {
    const count = change.action === 'delete' ? counts.get(change.tenant ?? '') : undefined;
    if (count !== undefined) counts.set(change.tenant ?? '', count + 1);
  }
  return destroyed.map((tenant) => ({ tenant, resources: counts.get(tenant) ?? 0 }));
}
