import { sortKeys } from '../../model/canonical-json.js';
import type { ResourceValue } from '../../model/model.js';
import type { FieldChange, Plan, ResourceChange } from '../../plan/plan.js';
import { diagnosticJson } from './diagnostics.js';

/** SPEC §5, pretty-printed: the same plan always gives the same bytes. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(orderedPlan(plan), null, 2)}\n`;
}

/**
 * The plan with every key in SPEC §5 order (values' own keys sorted), so the text and a digest
 * of it do not depend on how the plan object was built.
 */
export function orderedPlan(plan: Plan): Plan {
  const tenants: Plan['tenants'] = {};
  for (const scope of Object.keys(plan.tenants).sort()) {
    tenants[scope] = { baseRevision: plan.tenants[scope]!.baseRevision };
  }
  return {
    formatVersion: plan.formatVersion,
    tenants,
    changes: plan.changes.map(orderedChange),
    diagnostics: plan.diagnostics.map(diagnosticJson),
    summary: {
      create: plan.summary.create,
      update: plan.summary.update,
      delete: plan.summary.delete,
    },
  };
}

function orderedChange(change: ResourceChange): ResourceChange {
  return {
    address: change.address,
    tenant: change.tenant,
    kind: change.kind,
    name: change.name,
    action: change.action,
    before: orderedValue(change.before),
    after: orderedValue(change.after),
    fields: change.fields.map(orderedField),
  };
}

function orderedValue(value: ResourceValue | null): ResourceValue | null {
  if (value === null) return null;
  const out: ResourceValue = { spec: sortKeys(value.spec) };
  return value.labels ? { labels: sortKeys(value.labels), ...out } : out;
}

function orderedField(field: FieldChange): FieldChange {
  const out: FieldChange = { path: field.path };
  if (field.before !== undefined) out.before = sortKeys(field.before);
  if (field.after !== undefined) out.after = sortKeys(field.after);
  return out;
}
