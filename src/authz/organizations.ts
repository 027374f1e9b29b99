import { error, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { changeFields } from '../plan/make-plan.js';
import type { ResourceChange } from '../plan/plan.js';
import type { OrganizationReference } from '../store/state-store.js';
import { actorInTenant, describeRoles, isStoredTenant, type TenantActor } from './actor.js';
import { matchingRows } from './matching-rows.js';

export interface OrganizationContext {
  actor: string;
  stored: Model;
  desired: Model;
  /** Tenants of this apply: any one's full-admin may create an organization. */
  tenantsInApply: readonly string[];
  references: readonly OrganizationReference[];
}

export interface OrganizationResult {
  diagnostics: Diagnostic[];
  /** "full-admin in acme, beta" when every organization change is allowed. */
  role?: string;
}

/**
 * SPEC §3 row 1: creating an organization needs a full-admin of any tenant in the apply;
 * changing or deleting one needs full-admin in every stored tenant that references it (through
 * Tenant.partner or User.organization). An organization no stored tenant references is
 * treated like a new one. Only the full-admin row allows it, so not with a standard license.
 */
export function authorizeOrganizations(
  changes: readonly ResourceChange[],
  context: OrganizationContext,
): OrganizationResult {
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

  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  const applyAdmins = context.tenantsInApply.filter(isFullAdmin);
  const referencingTenants = referencesByOrganization(context);
  for (const change of changes) {
    const referencing = referencingTenants.get(change.name) ?? [];
    const needsAll = change.action !== 'create' && referencing.length > 0;
    // A referencing tenant counts only as stored: its full-admin cannot come from a bootstrap.
    const missing = needsAll
      ? referencing.filter((t) => !isStoredTenant(context.stored, t) || !isFullAdmin(t))
      : [];
    if (needsAll ? missing.length === 0 : applyAdmins.length > 0) {
      for (const t of needsAll ? referencing : applyAdmins.slice(0, 1)) used.add(t);
      continue;
    }
    const known = [...new Set([...context.tenantsInApply, ...referencing])].filter(actorIn);
    if (known.length === 0) {
      diagnostics.push(
        error(
          'AUTHZ_UNKNOWN_ACTOR',
          `${context.actor} is not a user of any tenant in this apply in the stored state, so may not ${verb(change)}`,
          { address: change.address },
        ),
      );
      continue;
    }
    const roles = known.map((t) => `${describeRoles(actorIn(t))} in ${t}`).join('; ');
    const why = needsAll
      ? `changing or deleting an organization needs full-admin in every tenant that references it (${referencing.join(', ')}), and ${context.actor} is not full-admin in ${missing.map((t) => (isStoredTenant(context.stored, t) ? t : `${t} (not in the state read)`)).join(', ')}`
      : `that needs full-admin in a tenant of this apply (${context.tenantsInApply.join(', ') || 'none'})`;
    diagnostics.push(
      error('AUTHZ_DENIED', `${context.actor} (${roles}) may not ${verb(change)}: ${why}`, {
        address: change.address,
      }),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { diagnostics, role: `full-admin in ${[...used].sort().join(', ')}` };
}

/**
 * Per organization, the stored tenants whose Tenant.partner or whose users' organization names
 * it, sorted. One pass over the stored users for all organization changes together.
 */
function referencesByOrganization(context: OrganizationContext): Map<string, string[]> {
  const tenants = new Map<string, Set<string>>();
  const add = (organization: string, tenant: string) => {
    let set = tenants.get(organization);
    if (!set) tenants.set(organization, (set = new Set()));
    set.add(tenant);
  };
  for (const ref of context.references) add(ref.organization, tenantOfAddress(ref.address));
  for (const tenant of context.stored.tenants())
    if (tenant.spec.partner !== undefined) add(tenant.spec.partner, tenant.name);
  for (const user of context.stored.ofKind('User'))
    if (user.spec.organization !== undefined && user.tenant !== null)
      add(user.spec.organization, user.tenant);
  const sorted = new Map<string, string[]>();
  for (const [organization, set] of tenants) sorted.set(organization, [...set].sort());
  return sorted;
}

/** `Tenant/acme` → acme; `acme/User/ann@acme.example` → acme. */
function tenantOfAddress(address: string): string {
  const [first = '', second = ''] = address.split('/');
  return first === 'Tenant' ? second : first;
}

function verb(change: ResourceChange): string {
  if (change.action !== 'update') return `${change.action} ${change.address}`;
  const fields = changeFields(change)
    .map((f) => f.path)
    .join(', ');
  return `change ${fields ? `${fields} of ` : ''}${change.address}`;
}
