import { kindOfAddress, scopeOf, scopeOfAddress } from '../model/address.js';
import { assemblePlan } from '../plan/make-plan.js';
import type { Kind } from '../model/kinds.js';
import type { Plan, PlanScopes } from '../model/plan.js';
import type { ScopeView } from './plan-views.js';

/**
 * The plan as the actor may see it (planViews): changes and findings of what they may not see
 * are left out — no values, no addresses, no counts — with one notice per scope in their place,
 * an error, as is what they stand for (a change the actor may not see is one they may not make;
 * visibility.ts). A scope they may not see at all is left out of the scopes and their revisions.
 * For showing only: an apply writes the plan itself.
 */
export function visiblePlan(plan: Plan, views: ReadonlyMap<string, ScopeView> | undefined): Plan {
  if (!views || seesEverything(views)) return plan;
  const shows = (scope: string, kind: Kind | undefined) => {
    const view = views.get(scope);
    return !view || view.sees === 'all' || (kind !== undefined && view.sees.has(kind));
  };
  const hiding = new Set<string>();
  const changes = plan.changes.filter((change) => {
    const scope = scopeOf(change.kind, change.name, change.tenant);
    if (shows(scope, change.kind)) return true;
    hiding.add(scope);
    return false;
  });
  const diagnostics = plan.diagnostics.filter((diagnostic) => {
    if (diagnostic.address === undefined) return true;
    const scope = scopeOfAddress(diagnostic.address);
    if (shows(scope, kindOfAddress(diagnostic.address))) return true;
    if (diagnostic.severity === 'error') hiding.add(scope);
    return false;
  });
  for (const [scope, view] of views)
    if (view.notice && (view.refused || hiding.has(scope))) diagnostics.push(view.notice);
  const scopes: PlanScopes = {};
  for (const [scope, revision] of Object.entries(plan.tenants)) {
    const sees = views.get(scope)?.sees ?? 'all';
    if (sees === 'all' || sees.size > 0) scopes[scope] = revision;
  }
  return assemblePlan({ scopes, changes, diagnostics });
}

/** Whether the actor sees every scope whole: pictures drawn from the state may be shown. */
export function seesEverything(views: ReadonlyMap<string, ScopeView> | undefined): boolean {
  return !views || [...views.values()].every((view) => view.sees === 'all');
}
