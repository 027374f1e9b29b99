import { compare, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf, scopeOf } from '../model/address.js';
import { SYSTEM_ENTRY_POINT } from '../model/kinds.js';
import type { Model, ModelResource } from '../model/model.js';
import { destroyedTenants } from './destroyed-tenants.js';
import { diffValues } from './diff-values.js';
import { plannedValue } from './planned-value.js';
import {
  summarize,
  type Action,
  type FieldChange,
  type Plan,
  type PlanScopes,
  type ResourceChange,
} from '../model/plan.js';

/**
 * Desired against stored, within the planned scopes: create what only the configuration holds,
 * update what both hold with different content, delete what only the store holds. The system
 * entry point is never deleted while its tenant stays (SPEC §2); deleting a tenant deletes it too.
 *
 * Linear in the number of resources: lookups by address, and a hash comparison decides before
 * any field-level diff is made. Sorted by address.
 */
export function planChanges(
  desired: Model,
  stored: Model,
  scopes: ReadonlySet<string>,
): ResourceChange[] {
  // The store holds the configuration's own model (workspace/unchanged-scopes.ts): nothing differs.
  if (stored === desired) return [];
  const changes: ResourceChange[] = [];
  let matched = 0;
  // values(), not entries: no [address, resource] pair is allocated per resource.
  for (const want of desired.byAddress.values()) {
    if (!inScopes(want, scopes)) continue;
    const have = stored.byAddress.get(want.address);
    if (!have) {
      changes.push(resourceChange('create', want, null, want));
      continue;
    }
    matched++;
    if (have.hash !== want.hash) changes.push(resourceChange('update', want, have, want));
  }
  // Every stored resource has its desired one: nothing to delete, no second pass over the store.
  if (matched === stored.size) return changes.sort(byAddress);
  for (const have of stored.byAddress.values()) {
    if (desired.byAddress.has(have.address) || !inScopes(have, scopes)) continue;
    if (isProtectedSystemEntryPoint(have, desired)) continue;
    changes.push(resourceChange('delete', have, have, null));
  }
  return changes.sort(byAddress);
}

function inScopes(resource: ModelResource, scopes: ReadonlySet<string>): boolean {
  return scopes.has(scopeOf(resource.kind, resource.name, resource.tenant));
}

/** The platform keeps a tenant's system entry point for as long as the tenant exists. */
function isProtectedSystemEntryPoint(resource: ModelResource, desired: Model): boolean {
  return (
    resource.kind === 'EntryPoint' &&
    resource.name === SYSTEM_ENTRY_POINT &&
    resource.tenant !== null &&
    desired.byAddress.has(addressOf('Tenant', resource.tenant, null))
  );
}

/** One planned change between two versions of a resource; an update's with its field diff. */
export function resourceChange(
  action: Action,
  identity: ModelResource,
  before: ModelResource | null,
  after: ModelResource | null,
): ResourceChange {
  const beforeValue = before && plannedValue(before);
  const afterValue = after && plannedValue(after);
  const change: ResourceChange = {
    address: identity.address,
    tenant: identity.kind === 'Tenant' ? identity.name : identity.tenant,
    kind: identity.kind,
    name: identity.name,
    action,
    before: beforeValue,
    after: afterValue,
  };
  if (action === 'update') change.fields = diffValues(beforeValue, afterValue);
  return change;
}

/** A change's field diff: an update's as planned, a create's or delete's listed now (plan.ts). */
export function changeFields(change: ResourceChange): FieldChange[] {
  return change.fields ?? diffValues(change.before, change.after);
}

/** SPEC §5: stable key order, scopes sorted by name, changes by address, diagnostics by place. */
export function assemblePlan(input: {
  scopes: PlanScopes;
  changes: readonly ResourceChange[];
  diagnostics: readonly Diagnostic[];
}): Plan {
  const tenants: PlanScopes = {};
  for (const scope of Object.keys(input.scopes).sort(compare)) {
    tenants[scope] = { baseRevision: input.scopes[scope]!.baseRevision };
  }
  const changes = [...input.changes];
  // Changes from planChanges are sorted already: checking is cheaper than sorting again.
  if (!isSortedByAddress(changes)) changes.sort(byAddress);
  return {
    formatVersion: 1,
    tenants,
    destroy: destroyedTenants(changes),
    changes,
    diagnostics: sortDiagnostics(input.diagnostics),
    summary: summarize(changes),
  };
}

/** Changes (or anything with an address) in address order, as plans list them. */
export function byAddress(a: { address: string }, b: { address: string }): number {
  return compare(a.address, b.address);
}

export function isSortedByAddress(changes: readonly { address: string }[]): boolean {
  for (let i = 1; i < changes.length; i++)
    if (byAddress(changes[i - 1]!, changes[i]!) > 0) return false;
  return true;
}
