import { scopeName } from '../../model/address.js';
import { sortKeys } from '../../model/canonical-json.js';
import type { ResourceValue } from '../../model/model.js';
import { destroyedTenants } from '../../plan/destroyed-tenants.js';
import { changeFields } from '../../plan/make-plan.js';
import type { FieldChange, Plan, ResourceChange } from '../../model/plan.js';
import { diagnosticsJson } from './diagnostics.js';
import { chunkedWriter } from '../output.js';

/** SPEC §5, pretty-printed: the same plan always gives the same bytes. */
export function renderPlanJson(plan: Plan): string {
  const pieces: string[] = [];
  writePlanJson(plan, (text) => pieces.push(text));
  return pieces.join('');
}

/** Where the changes go in the pretty-printed plan without them: a top-level key, indent 2. */
const NO_CHANGES = '\n  "changes": [],\n';

/**
 * As `renderPlanJson`, in pieces: the same bytes as one `JSON.stringify(plan, null, 2)`, but each
 * change is stringified on its own (indented as it would be inside the whole), so a plan of
 * 100,000 creates is never one string of tens of MB.
 */
export function writePlanJson(plan: Plan, write: (text: string) => void): void {
  const frame = JSON.stringify(orderedFrame(plan, []), null, 2);
  const at = frame.indexOf(NO_CHANGES);
  const out = chunkedWriter(write);
  if (plan.changes.length === 0 || at < 0) {
    out.add(`${JSON.stringify(orderedPlan(plan), null, 2)}\n`);
    out.end();
    return;
  }
  out.add(`${frame.slice(0, at)}\n  "changes": [\n`);
  plan.changes.forEach((change, i) => {
    // JSON text has no raw line breaks inside strings: every `\n` is a line of the layout.
    const text = JSON.stringify(orderedChange(change), null, 2).replaceAll('\n', '\n    ');
    out.add(i === 0 ? `    ${text}` : `,\n    ${text}`);
  });
  out.add(`\n  ],\n${frame.slice(at + NO_CHANGES.length)}\n`);
  out.end();
}

/**
 * The plan with every key in SPEC §5 order (values' own keys sorted), so the text and a digest
 * of it do not depend on how the plan object was built.
 */
export function orderedPlan(plan: Plan): Plan {
  return orderedFrame(plan, plan.changes.map(orderedChange));
}

/**
 * orderedPlan with the given changes in place of the plan's. `destroy` is made from the plan's
 * changes, so a plan saved by an older ccac (without it) reads the same.
 */
function orderedFrame(plan: Plan, changes: ResourceChange[]): Plan {
  const tenants: Plan['tenants'] = {};
  for (const scope of Object.keys(plan.tenants).sort()) {
    tenants[scopeName(scope)] = { baseRevision: plan.tenants[scope]!.baseRevision };
  }
  return {
    formatVersion: plan.formatVersion,
    tenants,
    destroy: destroyedTenants(plan.changes),
    changes,
    diagnostics: diagnosticsJson(plan.diagnostics),
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
    fields: changeFields(change).map(orderedField),
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
  if (field.added !== undefined) out.added = field.added;
  if (field.removed !== undefined) out.removed = field.removed;
  return out;
}
