import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Plan } from '../model/plan.js';

/** The plan with more diagnostics, found after it was made (the same plan when there are none). */
export function withDiagnostics(plan: Plan, more: readonly Diagnostic[]): Plan {
  if (more.length === 0) return plan;
  return { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics, ...more]) };
}
