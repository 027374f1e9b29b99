import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { scopeOf } from '../model/address.js';
import type { Model } from '../model/model.js';
import { assemblePlan, planChanges } from '../plan/make-plan.js';
import type { Plan, PlanScopes } from '../model/plan.js';

/**
 * `ccac diff FROM TO` as a plan: FROM plays the stored side, TO the desired one, over every scope
 * either holds. Both are canonical models, so list order and omitted defaults make no difference.
 * Errors in either side stop before any change is listed, as with `plan`. Pure.
 */
export function diffModels(from: Model, to: Model, diagnostics: readonly Diagnostic[]): Plan {
  const scopes = new Set([...scopesOf(from), ...scopesOf(to)]);
  const tenants: PlanScopes = {};
  for (const scope of scopes) tenants[scope] = { baseRevision: 0 };
  if (hasErrors(diagnostics)) return assemblePlan({ scopes: tenants, changes: [], diagnostics });
  return assemblePlan({ scopes: tenants, changes: planChanges(to, from, scopes), diagnostics });
}

function scopesOf(model: Model): string[] {
  return [...model.byAddress.values()].map((r) => scopeOf(r.kind, r.name, r.tenant));
}
