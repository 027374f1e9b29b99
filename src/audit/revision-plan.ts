import { assemblePlan } from '../plan/make-plan.js';
import { diffValues } from '../plan/diff-values.js';
import type { Plan, ResourceChange } from '../model/plan.js';
import type { StoredChange } from '../model/revision.js';
import type { RevisionRecord } from '../model/revision.js';

/**
 * A recorded revision as the plan it applied: made against the scope's previous revision, with
 * field changes recomputed from the stored before and after, so the plan renderers can show it.
 */
export function revisionPlan(record: RevisionRecord, changes: readonly StoredChange[]): Plan {
  return assemblePlan({
    scopes: { [record.scope]: { baseRevision: record.revision - 1 } },
    changes: changes.map(resourceChangeOf),
    diagnostics: [],
  });
}

export function resourceChangeOf(change: StoredChange): ResourceChange {
  return {
    address: change.address,
    tenant: tenantOf(change),
    kind: change.kind,
    name: change.name,
    action: change.action,
    before: change.before,
    after: change.after,
    fields: diffValues(change.before, change.after),
  };
}

/** As in a plan: a Tenant's own name, null for an Organization, else the scope (its tenant). */
function tenantOf(change: StoredChange): string | null {
  if (change.kind === 'Tenant') return change.name;
  if (change.kind === 'Organization') return null;
  return change.scope;
}
