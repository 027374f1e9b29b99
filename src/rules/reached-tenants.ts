import { compare, type Diagnostic } from '../diagnostics/diagnostic.js';
import { GLOBAL_SCOPE } from '../model/address.js';
import { Model, type ModelResource } from '../model/model.js';
import { TENANT_RULES } from './registry.js';
import { runRules, type StateContext } from './rule.js';
import { referencingTenants } from './support/organizations.js';

/**
 * Rules run on the whole state a plan leaves in every tenant it reaches: a changed organization
 * reaches every stored tenant that references it (its users' roles are judged by its type,
 * provisioningPartner and contactCenterEnabled). Tenants the plan covers are checked on the
 * configuration already; the others are checked here, as stored with the organizations as the plan
 * leaves them. Only what the change brings is reported: a stored tenant's own findings are its
 * plan's business. A deleted organization still referenced is REF_IN_USE's. Tenants not in the
 * state read cannot be checked: their full-admins are not known either, so the change is denied.
 */
export function checkReachedTenants(context: StateContext): Diagnostic[] {
  const { stored, desired, scopes, changes } = context;
  const changed = new Set(
    changes.filter((c) => c.kind === 'Organization' && c.action === 'update').map((c) => c.name),
  );
  if (changed.size === 0 || !scopes.has(GLOBAL_SCOPE)) return [];
  const reached = new Map<string, string[]>();
  for (const [organization, tenants] of referencingTenants(
    stored,
    context.organizationReferences,
  )) {
    if (!changed.has(organization)) continue;
    for (const tenant of tenants) {
      if (scopes.has(tenant) || !stored.get('Tenant', tenant)) continue;
      reached.set(tenant, [...(reached.get(tenant) ?? []), organization]);
    }
  }
  const out: Diagnostic[] = [];
  for (const [tenant, organizations] of [...reached].sort(([a], [b]) => compare(a, b))) {
    const resources = stored.inTenant(tenant);
    const before = findings([...stored.organizations(), ...resources]);
    const cause = organizations.map((o) => `Organization/${o}`).join(', ');
    for (const diagnostic of findings([...desired.organizations(), ...resources]).values())
      if (!before.has(key(diagnostic)))
        out.push({
          ...diagnostic,
          message: `${diagnostic.message} (with this plan's change to ${cause})`,
        });
  }
  return out;
}

function findings(resources: readonly ModelResource[]): Map<string, Diagnostic> {
  const diagnostics = runRules(TENANT_RULES, { desired: new Model(resources), declared: [] });
  return new Map(diagnostics.map((d) => [key(d), d]));
}

function key(diagnostic: Diagnostic): string {
  return `${diagnostic.code}\u0000${diagnostic.address ?? ''}\u0000${diagnostic.message}`;
}
