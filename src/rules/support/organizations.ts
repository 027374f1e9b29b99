import type { Model, ModelResource } from '../../model/model.js';

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
