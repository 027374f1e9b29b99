import { scopeOfAddress } from '../../model/address.js';
import type { Model, ModelResource } from '../../model/model.js';
import type { OrganizationReference } from '../../model/stored-state.js';

/** The three kinds of organization an admin can come from (seed 000, table 1). */
export type OrganizationKind = 'customer' | 'partner' | 'external';

export interface UserOrganization {
  kind: OrganizationKind;
  name: string;
  /** The declared Organization; absent for the customer org (the tenant itself). */
  organization?: ModelResource<'Organization'>;
}

/**
 * Which organization a user comes from: the tenant's own name is the customer org, otherwise
 * the declared Organization's type. Undefined when the organization is not declared (REF_UNKNOWN).
 */
export function userOrganization(
  model: Model,
  user: ModelResource<'User'>,
): UserOrganization | undefined {
  const name = user.spec.organization ?? user.tenant ?? '';
  if (name === user.tenant) return { kind: 'customer', name };
  const organization = model.get('Organization', name);
  if (!organization) return undefined;
  return { kind: organization.spec.type, name, organization };
}

/** "the customer organization acme", "partner organization globex", for messages. */
export function describeOrganization(org: UserOrganization): string {
  if (org.kind === 'customer') return `the customer organization ${org.name}`;
  const provisioning = org.organization?.spec.provisioningPartner ? 'provisioning-' : '';
  return `${org.kind === 'partner' ? `${provisioning}partner` : 'external'} organization ${org.name}`;
}

/**
 * Per organization, the stored tenants whose Tenant.partner or whose users' organization names
 * it, sorted: from the stored state read and from `references` (rows of tenants it may not hold).
 * One pass over the stored users for every organization together.
 */
export function referencingTenants(
  stored: Model,
  references: readonly OrganizationReference[],
): Map<string, string[]> {
  const tenants = new Map<string, Set<string>>();
  const add = (organization: string, tenant: string) => {
    let set = tenants.get(organization);
    if (!set) tenants.set(organization, (set = new Set()));
    set.add(tenant);
  };
  for (const ref of references) add(ref.organization, scopeOfAddress(ref.address));
  for (const tenant of stored.tenants())
    if (tenant.spec.partner !== undefined) add(tenant.spec.partner, tenant.name);
  for (const user of stored.ofKind('User'))
    if (user.spec.organization !== undefined && user.tenant !== null)
      add(user.spec.organization, user.tenant);
  const sorted = new Map<string, string[]>();
  for (const [organization, set] of tenants) sorted.set(organization, [...set].sort());
  return sorted;
}
