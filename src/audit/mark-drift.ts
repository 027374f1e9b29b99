import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Plan } from '../plan/plan.js';
import type { StoredState } from '../store/state-store.js';
import { driftWarnings } from './drift-warnings.js';
import { readDrift, type DriftReader } from './read-drift.js';

/**
 * The plan with a DRIFT warning for each resource of its scopes changed outside ccac: a reviewer
 * should know the plan also overwrites (or keeps) a change nobody recorded. A plan stopped by
 * configuration errors read no state and is returned as it is.
 */
export async function markDrift(
  plan: Plan,
  reader: DriftReader,
  alreadyRead?: StoredState,
): Promise<Plan> {
  const scopes = Object.keys(plan.tenants);
  if (scopes.length === 0) return plan;
  const warnings = driftWarnings(await readDrift(reader, scopes, alreadyRead));
  if (warnings.length === 0) return plan;
  return { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics, ...warnings]) };
}
