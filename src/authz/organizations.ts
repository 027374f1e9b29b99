import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { changeFields } from '../plan/make-plan.js';
import type { ResourceChange } from '../model/plan.js';
import { referencingTenants } from '../rules/support/organizations.js';
import type { OrganizationReference } from '../model/stored-state.js';
import { actorInTenant, describeRoles, isStoredTenant, type TenantActor } from './actor.js';
import { matchingRows } from './matching-rows.js';
import { namedOrganizations } from './named-organizations.js';

export interface OrganizationContext {
  actor: string;
  stored: Model;
  desired: Model;
  /** Tenants of this apply: a full-admin of a stored one may create an organization. */
  tenantsInApply: readonly string[];
  /** Stored references to the organizations the apply changes, deletes or names. */
  references: readonly OrganizationReference[];
}

export interface OrganizationResult {
  diagnostics: Diagnostic[];
  /** "full-admin in acme, beta" when every organization change is allowed. */
  role?: string;
}

/** Whether the actor may act for one organization, and through which tenants' full-admin. */
type OrganizationRight = { allowed: true; through: string[] } | { allowed: false; why: string };

/**
 * SPEC §3 row 1 for organizations, with bootstrap rights kept to their new tenant:
 * - changing or deleting one that stored tenants reference needs full-admin in each of them
 *   (through Tenant.partner or User.organization, as stored: a declaration not applied yet gives
 *   no say);
 * - creating one, or changing or deleting one no stored tenant references, needs full-admin in a
 *   stored tenant of the apply. A new tenant's declared full-admin counts only while the store
 *   holds no organization at all (the first setup: nobody else could, and there is nothing to
 *   reach).
 * Only the full-admin row allows it, so not with a standard license.
 */
export function authorizeOrganizations(
  changes: readonly ResourceChange[],
  context: OrganizationContext,
): OrganizationResult {
  const rights = organizationRights(context);
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  for (const change of changes) {
    const right = rights.of(change.name);
    if (right.allowed) for (const tenant of right.through) used.add(tenant);
    else diagnostics.push(rights.denial(change.name, change.address, verb(change), right.why));
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { diagnostics, role: rights.role([...used].sort()) };
}

/**
 * Naming an organization as a tenant's partner, or a partner organization as a user's, makes the
 * tenant one that references it, and so gives the tenant's full-admins a say over it: only someone
 * who may change the organization may name it (seed 000: a partner organization manages its
 * customers' subscriptions; a customer does not enrol the partner's admins). A user from an
 * external organization is the customer's own call (seed 000, table 2: full-admins add external
 * admins).
 */
export function authorizeNamedOrganizations(
  changes: readonly ResourceChange[],
  context: OrganizationContext,
): Diagnostic[] {
  const named = namedOrganizations(changes, context.stored, context.desired);
  if (named.length === 0) return [];
  const rights = organizationRights(context);
  const diagnostics: Diagnostic[] = [];
  for (const { change, organization, as } of named) {
    const right = rights.of(organization);
    if (right.allowed) continue;
    const what = `name Organization/${organization} as ${as} ${change.address}`;
    diagnostics.push(rights.denial(organization, change.address, what, right.why));
  }
  return diagnostics;
}

function organizationRights(context: OrganizationContext) {
  const actors = new Map<string, TenantActor | undefined>();
  const actorIn = (tenant: string): TenantActor | undefined => {
    if (!actors.has(tenant)) {
      const lookup = actorInTenant(context.actor, tenant, context.stored, context.desired);
      actors.set(tenant, lookup.found ? lookup.actor : undefined);
    }
    return actors.get(tenant);
  };
  const isFullAdmin = (tenant: string) => {
    const actor = actorIn(tenant);
    return !!actor && matchingRows(actor).some((row) => row.organizations);
  };
  // Stored roles only: a bootstrap full-admin's rights stay in the tenant it creates.
  const isStoredFullAdmin = (tenant: string) =>
    isStoredTenant(context.stored, tenant) && isFullAdmin(tenant);
  const referencing = referencingTenants(context.stored, context.references);
  const storedAdmins = context.tenantsInApply.filter(isStoredFullAdmin);
  const firstSetup = context.stored.organizations().length === 0;
  const bootstrapAdmins = firstSetup ? context.tenantsInApply.filter(isFullAdmin) : [];
  const storedInApply = context.tenantsInApply.filter((t) => isStoredTenant(context.stored, t));
  const applyTenants = storedInApply.join(', ') || 'none';

  const of = (organization: string): OrganizationRight => {
    const tenants = referencing.get(organization) ?? [];
    if (tenants.length > 0) {
      const missing = tenants.filter((t) => !isStoredFullAdmin(t));
      if (missing.length === 0) return { allowed: true, through: tenants };
      const where = missing
        .map((t) => (isStoredTenant(context.stored, t) ? t : `${t} (not in the state read)`))
        .join(', ');
      return {
        allowed: false,
        why: `that needs full-admin in every stored tenant that references it (${tenants.join(', ')}), and ${context.actor} is not full-admin in ${where}`,
      };
    }
    const admins = storedAdmins.length > 0 ? storedAdmins : bootstrapAdmins;
    if (admins.length > 0) return { allowed: true, through: admins.slice(0, 1) };
    return {
      allowed: false,
      why:
        `that needs full-admin in a stored tenant of this apply (${applyTenants}); ` +
        'the full-admin a new tenant declares has rights in that tenant only',
    };
  };

  const denial = (organization: string, address: string, what: string, why: string) => {
    const tenants = [...context.tenantsInApply, ...(referencing.get(organization) ?? [])];
    const known = [...new Set(tenants)].sort().filter(actorIn);
    if (known.length === 0)
      return error(
        'AUTHZ_UNKNOWN_ACTOR',
        `${context.actor} is not a user of any tenant in this apply in the stored state, so may not ${what}`,
        { address },
      );
    const roles = known.map((t) => `${describeIn(actorIn(t))} in ${t}`).join('; ');
    return error('AUTHZ_DENIED', `${context.actor} (${roles}) may not ${what}: ${why}`, {
      address,
    });
  };
  // "full-admin in acme, beta"; in the first setup "bootstrap full-admin in beta" (one tenant).
  const role = (tenants: readonly string[]) => {
    const bootstrap = tenants.some((t) => actorIn(t)?.bootstrap);
    return `${bootstrap ? 'bootstrap ' : ''}full-admin in ${tenants.join(', ')}`;
  };
  return { of, denial, role };
}

/** "full-admin", "bootstrap full-admin": a bootstrap's rights are named as such. */
function describeIn(actor: TenantActor | undefined): string {
  return `${actor?.bootstrap ? 'bootstrap ' : ''}${describeRoles(actor)}`;
}

function verb(change: ResourceChange): string {
  if (change.action !== 'update') return `${change.action} ${change.address}`;
  const fields = changeFields(change)
    .map((f) => f.path)
    .join(', ');
  return `change ${fields ? `${fields} of ` : ''}${change.address}`;
}
