import { error, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, ResourceValue } from '../model/model.js';
import { knownHashes, plannedValue, valueHash, type KnownHash } from '../plan/planned-value.js';
import type { ResourceChange } from '../model/plan.js';
import { CONFIG_RULES } from '../rules/registry.js';
import { runRules } from '../rules/rule.js';
import type { OrganizationReference, StoredState } from '../model/stored-state.js';
import { differingFields } from './check-saved-changes.js';
import { planConfiguration, type PlanOutcome } from '../plan/plan-configuration.js';
import { savedValueHashes, type SavedPlan } from './saved-plan.js';

/**
 * A saved plan is re-checked against the state it is applied to: the state it leads to from
 * there (`desired`, savedPlanTarget) must pass the rules, the actor must be allowed every
 * change, as if planned now, and planning it now must give the saved changes themselves — each
 * `before` what the store holds, each change one a plan makes (changesAsSaved).
 */
export function recheckSavedPlan(
  saved: SavedPlan,
  stored: StoredState,
  desired: Model,
  options: {
    actor: string | undefined;
    /** `--destroy` given: the plan may delete whole tenants. */
    destroy: boolean;
    organizationReferences: readonly OrganizationReference[];
  },
): PlanOutcome {
  const configDiagnostics: Diagnostic[] = runRules(CONFIG_RULES, { desired, declared: [] });
  const outcome = planConfiguration({
    desired,
    declared: [],
    configDiagnostics,
    stored,
    scopes: new Set(Object.keys(saved.tenants)),
    actor: options.actor,
    requireActor: true,
    destroy: options.destroy,
    organizationReferences: options.organizationReferences,
  });
  const planned = knownHashes(desired, stored.model);
  const saving = savedValueHashes(saved);
  const known: KnownHash = (address, value) => saving(address, value) ?? planned(address, value);
  const differences = changesAsSaved(saved.changes, outcome.plan.changes, stored.model, known);
  if (differences.length === 0) return outcome;
  const diagnostics = sortDiagnostics([...differences, ...outcome.plan.diagnostics]);
  return { ...outcome, plan: { ...outcome.plan, diagnostics } };
}

/**
 * PLAN_INVALID for each saved change that is not the one planning its target now gives: its
 * `before` is not what the store holds, or it changes nothing a plan would (the same value, the
 * system entry point of a kept tenant). Its scopes' revisions are those it was planned at
 * (staleScopes): a difference here is an edited plan, not a late one.
 */
function changesAsSaved(
  saved: readonly ResourceChange[],
  planned: readonly ResourceChange[],
  stored: Model,
  known: KnownHash,
): Diagnostic[] {
  const plannedAt = new Map(planned.map((change) => [change.address, change]));
  const out: Diagnostic[] = [];
  for (const change of saved) {
    const problem = differenceFromPlanned(change, plannedAt.get(change.address), stored, known);
    if (problem) out.push(error('PLAN_INVALID', problem, { address: change.address }));
  }
  return out;
}

function differenceFromPlanned(
  change: ResourceChange,
  planned: ResourceChange | undefined,
  stored: Model,
  known: KnownHash,
): string | undefined {
  const held = stored.byAddress.get(change.address);
  if (change.before === null && held) return 'the plan creates it, but the store holds it already';
  if (change.before !== null && !held) return 'the plan changes it, but the store does not hold it';
  if (
    change.before !== null &&
    held &&
    valueHash(change.before, change.address, known) !== held.hash
  ) {
    const fields = differingFields(plannedValue(held), change.before);
    return `the plan's before value is not what the store holds (it differs in ${fields})`;
  }
  if (!planned || planned.action !== change.action) return NOT_PLANNED;
  if (!sameValue(planned.after, change.after, change.address, known)) return NOT_PLANNED;
  return undefined;
}

const NOT_PLANNED = 'not a change `ccac plan` makes from the stored state';

/** Whether two values are the same content (by their hashes, the planned one's known). */
function sameValue(
  a: ResourceValue | null,
  b: ResourceValue | null,
  address: string,
  known: KnownHash,
): boolean {
  if (a === null || b === null) return a === b;
  return valueHash(a, address, known) === valueHash(b, address, known);
}
