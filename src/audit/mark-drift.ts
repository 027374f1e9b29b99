import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Plan } from '../plan/plan.js';
import type { ScopeIntegrity, StoredState } from '../store/state-store.js';
import { driftWarnings } from './drift-warnings.js';
import { readDrift, type DriftReader } from './read-drift.js';

/**
 * The plan with a DRIFT warning for each resource of its scopes changed outside ccac: a reviewer
 * should know the plan also overwrites (or keeps) a change nobody recorded. Only scopes whose
 * rows the plan's read could not vouch for are replayed (`stored` is that read). A plan stopped
 * by configuration errors read no state and is returned as it is.
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
  const warnings = driftWarnings(await readDrift(reader, suspect, stored));
  if (warnings.length === 0) return plan;
  return { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics, ...warnings]) };
}

/**
 * Every row as ccac wrote it, and as many rows as the recorded revisions built: replaying the
 * history would find nothing (unless someone got past the trigger that marks rows written outside
 * ccac). Unknown counts are not vouched for.
 */
function driftFree(integrity: ScopeIntegrity | undefined): boolean {
  return integrity !== undefined && integrity.intact && integrity.recorded === integrity.rows;
}
