import { compare, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf, GLOBAL_SCOPE, scopeOf, scopeOfAddress } from '../model/address.js';
import type { Model } from '../model/model.js';
import type { ResourceChange } from '../model/plan.js';
import type { OrganizationReference } from '../model/stored-state.js';
import { actorInTenant, describeActor, normalizeActor, type TenantActor } from './actor.js';
import { changeItems, under, type ChangeItem } from './change-items.js';
import { matchingRows, rowLabel } from './matching-rows.js';
import type { Permission } from './permissions.js';
import {
  authorizeNamedOrganizations,
  authorizeOrganizations,
  type OrganizationContext,
} from './organizations.js';

export interface AuthorizeInput {
  /** `--actor` / `CCAC_ACTOR`: the e-mail of the user applying. */
  actor: string | undefined;
  /**
   * The stored state of the scopes in the apply. Include `_global` even when no organization
   * changes: a user's organization kind (customer, partner, external) is read from it. For
   * organizations changed, deleted or named anew (organizationsTouched), include the tenants that
   * reference them too (their full-admins decide).
   */
  stored: Model;
  desired: Model;
  changes: readonly ResourceChange[];
  /** Stored resources referencing the organizations changed, deleted or named, beyond those in `stored`. */
  organizationReferences?: readonly OrganizationReference[];
}

export interface AuthorizeResult {
  /** AUTHZ_NO_ACTOR, AUTHZ_UNKNOWN_ACTOR, AUTHZ_DENIED; each with the resource address. */
  diagnostics: Diagnostic[];
  /** For every touched scope without a diagnostic: the actor's role(s) that allowed it, for the revision. */
  rolesByScope: Map<string, string>;
}

/**
 * SPEC §3 "Who may change what": each change is checked per field against the rows matching
 * the actor's stored roles in the change's tenant. Pure: reads only its input, never throws.
 */
export function authorize(input: AuthorizeInput): AuthorizeResult {
  const rolesByScope = new Map<string, string>();
  if (input.changes.length === 0) return { diagnostics: [], rolesByScope };
  const actor = normalizeActor(input.actor);
  if (!actor) {
    const message = 'apply needs an actor: pass --actor EMAIL or set CCAC_ACTOR';
    return { diagnostics: [error('AUTHZ_NO_ACTOR', message)], rolesByScope };
  }

  const byScope = groupByScope(input.changes);
  const diagnostics: Diagnostic[] = [];
  for (const [scope, changes] of byScope) {
    if (scope === GLOBAL_SCOPE) continue;
    const result = authorizeTenant(actor, scope, changes, input);
    for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
    if (result.role) rolesByScope.set(scope, result.role);
  }
  const tenantsInApply = [...new Set([...input.stored.tenantNames(), ...byScope.keys()])]
    .filter((scope) => scope !== GLOBAL_SCOPE)
    .sort(compare);
  const context: OrganizationContext = {
    actor,
    stored: input.stored,
    desired: input.desired,
    tenantsInApply,
    references: input.organizationReferences ?? [],
  };
  // A tenant whose changes are denied already is not denied again for the organizations it names.
  const denied = new Set(diagnostics.map((d) => scopeOfAddress(d.address ?? '')));
  const undenied = input.changes.filter(
    (change) => !denied.has(scopeOf(change.kind, change.name, change.tenant)),
  );
  for (const diagnostic of authorizeNamedOrganizations(undenied, context))
    diagnostics.push(diagnostic);
  const organizationChanges = byScope.get(GLOBAL_SCOPE);
  if (organizationChanges) {
    const result = authorizeOrganizations(organizationChanges, context);
    for (const diagnostic of result.diagnostics) diagnostics.push(diagnostic);
    if (result.role) rolesByScope.set(GLOBAL_SCOPE, result.role);
  }
  return { diagnostics, rolesByScope };
}

function authorizeTenant(
  email: string,
  tenant: string,
  changes: readonly ResourceChange[],
  input: AuthorizeInput,
): { diagnostics: Diagnostic[]; role?: string } {
  const lookup = actorInTenant(email, tenant, input.stored, input.desired);
  if (!lookup.found) {
    const address = addressOf('Tenant', tenant, null);
    return { diagnostics: [error('AUTHZ_UNKNOWN_ACTOR', lookup.reason, { address })] };
  }
  const actor = lookup.actor;
  const rows = matchingRows(actor);
  // Rows, not their labels: a label is built per row at the end rather than per change.
  const used = new Set<Permission>();
  const diagnostics: Diagnostic[] = [];
  for (const change of changes) {
    for (const item of changeItems(change, input.stored, input.desired)) {
      const row = rows.find((r) => r.allows(item));
      if (row) used.add(row);
      else diagnostics.push(denied(actor, item));
    }
  }
  if (diagnostics.length > 0) return { diagnostics };
  const label = (row: Permission) => rowLabel(row, actor);
  return { diagnostics, role: [...used].map(label).join(', ') || rows.map(label).join(', ') };
}

/** "ann@acme.example (cc-service-admin, customer org) may not change spec.telephony of Tenant/acme". */
function denied(actor: TenantActor, item: ChangeItem): Diagnostic {
  const { change } = item;
  const what =
    item.action === 'update'
      ? `change ${item.path ?? 'nothing'} of ${change.address}${roleDelta(item)}`
      : `${item.action} ${change.address}`;
  return error('AUTHZ_DENIED', `${describeActor(actor)} may not ${what}`, {
    address: change.address,
  });
}

function roleDelta(item: ChangeItem): string {
  if (!item.user || !item.path || !under(item.path, 'spec.adminRoles')) return '';
  const parts = [
    ...item.user.added.map((r) => `adds ${r}`),
    ...item.user.removed.map((r) => `removes ${r}`),
  ];
  const target = item.user.org ? ` on a user of the ${item.user.org} org` : '';
  return parts.length ? ` (${parts.join(', ')}${target})` : '';
}

/** Changes by scope (tenant, or `_global`), scopes in name order. */
function groupByScope(changes: readonly ResourceChange[]): Map<string, ResourceChange[]> {
  const groups = new Map<string, ResourceChange[]>();
  for (const change of changes) {
    const scope = scopeOf(change.kind, change.name, change.tenant);
    const group = groups.get(scope);
    if (group) group.push(change);
    else groups.set(scope, [change]);
  }
  return new Map([...groups].sort(([a], [b]) => compare(a, b)));
}
