import { compare, error, type Diagnostic } from '../diagnostics/diagnostic.js';
import { addressOf, GLOBAL_SCOPE } from '../model/address.js';
import type { Kind } from '../model/kinds.js';
import type { Model } from '../model/model.js';
import { actorInTenant, describeActor, isStoredTenant, normalizeActor } from './actor.js';
import { rowsFor } from './matching-rows.js';
import { VISIBILITY } from './visibility.js';

/** What the actor may see of one scope of a plan (visiblePlan shows no more). */
export interface ScopeView {
  /** The kinds whose changes and findings are shown there: all, or these (none: empty). */
  sees: 'all' | ReadonlySet<Kind>;
  /** Shown in place of what is left out: an error, as what the actor may not see blocks them. */
  notice?: Diagnostic;
  /** The actor may not plan the scope at all, whatever it holds: `notice` is an error of the plan. */
  refused?: boolean;
}

/**
 * Per scope, what the named actor may see of a plan, from their stored roles there (VISIBILITY):
 * the planned scopes, the tenants in the state read, and the organizations. Undefined without an
 * actor: a plan without one shows everything (SPEC §4: `--actor` is optional for `plan`). A scope
 * with nothing stored shows only what the configuration declares, so all of it. Pure.
 */
export function planViews(
  actor: string | undefined,
  stored: Model,
  scopes: Iterable<string>,
): Map<string, ScopeView> | undefined {
  const email = normalizeActor(actor);
  if (!email) return undefined;
  const tenants = new Set([...scopes, ...stored.tenantNames()]);
  tenants.delete(GLOBAL_SCOPE);
  const views = new Map<string, ScopeView>();
  for (const tenant of [...tenants].sort(compare))
    views.set(tenant, tenantView(email, tenant, stored));
  views.set(GLOBAL_SCOPE, organizationsView(email, stored, views));
  return views;
}

function tenantView(email: string, tenant: string, stored: Model): ScopeView {
  if (!isStoredTenant(stored, tenant)) return { sees: 'all' };
  const address = addressOf('Tenant', tenant, null);
  const lookup = actorInTenant(email, tenant, stored, stored);
  if (!lookup.found) {
    const message = `${lookup.reason}: its plan is not shown`;
    return { sees: new Set(), notice: error('AUTHZ_UNKNOWN_ACTOR', message, { address }) };
  }
  const rows = rowsFor(lookup.actor, VISIBILITY);
  if (rows.some((row) => row.sees === 'all')) return { sees: 'all' };
  const kinds = new Set(rows.flatMap((row) => row.sees as readonly Kind[]));
  const who = describeActor(lookup.actor);
  if (kinds.size === 0) {
    const message = `${who} has no contact-center access and may not plan ${tenant}`;
    return { sees: kinds, refused: true, notice: error('AUTHZ_DENIED', message, { address }) };
  }
  const message =
    `${who} may see only ${[...kinds].sort(compare).join(' and ')} of ${tenant}: ` +
    'what this plan holds there beyond that is not shown, and blocks it';
  return { sees: kinds, notice: error('AUTHZ_DENIED', message, { address }) };
}

/**
 * Organizations are seen by an actor who sees them in a stored tenant of the plan; all of them
 * while none is stored (there is nothing stored to show).
 */
function organizationsView(
  email: string,
  stored: Model,
  views: ReadonlyMap<string, ScopeView>,
): ScopeView {
  if (stored.organizations().length === 0) return { sees: 'all' };
  for (const [tenant, view] of views) {
    // A tenant not stored yet shows everything, but gives no view of anything stored.
    if (!isStoredTenant(stored, tenant)) continue;
    if (view.sees === 'all' || view.sees.has('Organization')) return { sees: 'all' };
  }
  const message = `${email} sees organizations in no stored tenant of this plan, so may not plan them`;
  return { sees: new Set(), notice: error('AUTHZ_DENIED', message) };
}
