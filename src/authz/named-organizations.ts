import type { Model } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';

/** A change that makes its tenant reference an organization it did not reference before. */
export interface NamedOrganization {
  change: ResourceChange;
  organization: string;
  /** How the change names it, for messages: "the partner of", "the organization of". */
  as: string;
}

/**
 * The organizations a change names anew as a tenant's partner or as a partner-org user's
 * organization (authorizeNamedOrganizations). Pure.
 */
export function namedOrganizations(
  changes: readonly ResourceChange[],
  stored: Model,
  desired: Model,
): NamedOrganization[] {
  const out: NamedOrganization[] = [];
  const type = organizationTypes(stored, desired);
  for (const change of changes) {
    const organization = organizationNamed(change.kind, change.before, change.after, type);
    if (organization === undefined) continue;
    const as = change.kind === 'Tenant' ? 'the partner of' : 'the organization of';
    out.push({ change, organization, as });
  }
  return out;
}

/** The stored organizations that changes of the planned scopes may name (see namedOrganizations). */
export function organizationsNamed(
  desired: Model,
  stored: Model,
  scopes: ReadonlySet<string>,
): string[] {
  const named = new Set<string>();
  const type = organizationTypes(stored, desired);
  for (const tenant of desired.tenants()) {
    if (!scopes.has(tenant.name)) continue;
    const before = stored.get('Tenant', tenant.name);
    const organization = organizationNamed('Tenant', before ?? null, tenant, type);
    if (organization !== undefined) named.add(organization);
  }
  for (const user of desired.ofKind('User')) {
    // Most users name no organization (organizationNamed: none then): nothing to look up.
    if (typeof user.spec.organization !== 'string') continue;
    if (user.tenant === null || !scopes.has(user.tenant)) continue;
    const before = stored.get('User', user.name, user.tenant);
    // The same content names the same organization: an unchanged user's stored value is not read.
    if (before?.hash === user.hash) continue;
    const organization = organizationNamed('User', before ?? null, user, type);
    if (organization !== undefined) named.add(organization);
  }
  return [...named].filter((name) => stored.get('Organization', name)).sort();
}

type Value = { spec: unknown } | null;

/**
 * The organization `after` names and `before` did not: a Tenant's partner, or a User's
 * organization when it is a partner organization.
 */
function organizationNamed(
  kind: string,
  before: Value,
  after: Value,
  typeOf: (organization: string) => string | undefined,
): string | undefined {
  const field = kind === 'Tenant' ? 'partner' : kind === 'User' ? 'organization' : undefined;
  if (field === undefined || after === null) return undefined;
  const named = (after.spec as Record<string, unknown>)[field];
  if (typeof named !== 'string') return undefined;
  if (before !== null && (before.spec as Record<string, unknown>)[field] === named)
    return undefined;
  return kind === 'Tenant' || typeOf(named) === 'partner' ? named : undefined;
}

/**
 * Each organization's type (organizationType), looked up once per name: a plan of 100,000
 * created users asks it for every user that names an organization, and they name a few.
 */
function organizationTypes(stored: Model, desired: Model): (name: string) => string | undefined {
  const known = new Map<string, string | undefined>();
  return (name) => {
    if (!known.has(name)) known.set(name, organizationType(name, stored, desired));
    return known.get(name);
  };
}

/** Partner in either state counts: the type may change in the same plan. */
function organizationType(name: string, stored: Model, desired: Model): string | undefined {
  const types = [stored, desired].map((model) => model.get('Organization', name)?.spec.type);
  return types.includes('partner') ? 'partner' : types.find((t) => t !== undefined);
}
