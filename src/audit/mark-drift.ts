import type { Plan } from '../model/plan.js';
import { withDiagnostics } from '../plan/with-diagnostics.js';
import type { StoredState } from '../model/stored-state.js';
import { driftFree } from './drift-of.js';
import { driftWarnings } from './drift-warnings.js';
import { readDrift, type DriftReader } from './read-drift.js';

/**
 * The plan with a DRIFT warning for each resource of its scopes changed outside ccac: a reviewer
 * should know the plan also overwrites (or keeps) a change nobody recorded. Only scopes whose
 * rows the plan's read (`stored`) could not show as ccac's own are compared with the history:
 * the warning informs, the apply decides again under its lock. A plan stopped by configuration
 * errors read no state and is returned as it is.
 */
export async function markDrift(
  plan: Plan,
  reader: DriftReader,
  stored: StoredState,
): Promise<Plan> {
  const suspect = Object.keys(plan.tenants).filter(
    (scope) => !driftFree(stored.integrity?.get(scope)),
  );
  if (suspect.length === 0) return plan;
  return withDiagnostics(plan, driftWarnings(await readDrift(reader, suspect)));
}
