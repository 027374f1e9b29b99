import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model } from '../model/model.js';
import { CONFIG_RULES } from '../rules/registry.js';
import { runRules } from '../rules/rule.js';
import type { OrganizationReference, StoredState } from '../store/state-store.js';
import { planConfiguration, type PlanOutcome } from './plan-configuration.js';
import { projectChanges } from './project-changes.js';
import type { SavedPlan } from './saved-plan.js';

/**
 * A saved plan is re-checked against the state it is applied to: the state it leads to from
 * there (`desired`, savedPlanTarget) must pass the rules, and the actor must be allowed every
 * change, as if planned now.
 */
export function recheckSavedPlan(
  saved: SavedPlan,
  stored: StoredState,
  desired: Model,
  actor: string | undefined,
  organizationReferences: readonly OrganizationReference[],
): PlanOutcome {
  const configDiagnostics: Diagnostic[] = runRules(CONFIG_RULES, { desired, declared: [] });
  return planConfiguration({
    desired,
    declared: [],
    configDiagnostics,
    stored,
    scopes: new Set(Object.keys(saved.tenants)),
    actor,
    requireActor: true,
    organizationReferences,
  });
}

/** The state a saved plan leads to from the stored state. */
export function savedPlanTarget(saved: SavedPlan, stored: StoredState): Model {
  return projectChanges(stored.model, saved.changes);
}
