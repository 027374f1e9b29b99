import { countDiagnostics } from '../../diagnostics/diagnostic.js';
import { scopeName } from '../../model/address.js';
import { sortKeys } from '../../model/canonical-json.js';
import type { FieldChange, Plan, ResourceChange } from '../../model/plan.js';
import { lazyModule } from '../../support/lazy-module.js';

const diff = lazyModule<typeof import('diff')>('diff');

/** Shared by the text and markdown plan renderers: value formatting, line diffs, ordering. */

/** A value on one line: compact JSON with sorted keys. */
export function compactJson(value: unknown): string {
  if (value === undefined) return '(none)';
  // Most fields are scalars: only objects have keys to sort.
  return JSON.stringify(typeof value === 'object' ? sortKeys(value) : value);
}

/** Long texts (a Flow's `spec.definition`) are shown as line diffs, not as one JSON string. */
export function isMultiLine(value: unknown): value is string {
  return typeof value === 'string' && value.includes('\n');
}

export function isTextField(field: FieldChange): boolean {
  return (
    (isMultiLine(field.before) || isMultiLine(field.after)) &&
    (typeof field.before === 'string' || field.before === undefined) &&
    (typeof field.after === 'string' || field.after === undefined)
  );
}

/**
 * A changed list of scalars (agents, teams, numbers) item by item: `-` each removed, `+` each
 * added, after `label`; undefined for any other field.
 */
export function itemLines(field: FieldChange, label = ''): string[] | undefined {
  if (!field.added && !field.removed) return undefined;
  return [
    ...(field.removed ?? []).map((item) => `-${label} ${compactJson(item)}`),
    ...(field.added ?? []).map((item) => `+${label} ${compactJson(item)}`),
  ];
}

/** How a multi-line text is named when a created or deleted resource is shown compactly. */
export function textSummary(text: string): string {
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  return `(text, ${lines} ${lines === 1 ? 'line' : 'lines'})`;
}

/**
 * Edits beyond which two texts count as rewritten rather than diffed: bounds the time a diff
 * takes (Myers is O(N·D)) and, unlike a timeout, keeps the output deterministic.
 */
const MAX_EDITS = 1000;

/**
 * Unified-diff hunks of the changed regions only: `@@ -a,b +c,d @@` then ` `/`-`/`+` lines;
 * null when the texts differ in more than MAX_EDITS lines.
 */
export function lineDiff(before: string, after: string, context = 3): string[] | null {
  const patch = diff().structuredPatch('before', 'after', before, after, undefined, undefined, {
    context,
    maxEditLength: MAX_EDITS,
  });
  if (!patch) return null;
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines);
  }
  return lines;
}

/** A changed text field as unified-diff lines; a rewrite too large to diff is summarised. */
export function textDiffLines(field: FieldChange): string[] {
  const before = typeof field.before === 'string' ? field.before : '';
  const after = typeof field.after === 'string' ? field.after : '';
  const hunks = lineDiff(before, after);
  if (hunks) return hunks;
  return [
    `@@ more than ${MAX_EDITS} lines changed: not diffed @@`,
    `-${textSummary(before)}`,
    `+${textSummary(after)}`,
  ];
}

/** Deletions first (they are what reviewers must not miss), then creates and updates; each by address. */
export function splitDeletions(changes: readonly ResourceChange[]): {
  deletions: ResourceChange[];
  others: ResourceChange[];
} {
  return {
    deletions: changes.filter((c) => c.action === 'delete'),
    others: changes.filter((c) => c.action !== 'delete'),
  };
}

export function summaryLine(plan: Pick<Plan, 'summary' | 'diagnostics' | 'tenants'>): string {
  const { summary } = plan;
  const { errors } = countDiagnostics(plan.diagnostics);
  // Configuration errors stop planning before the store is read, and an actor is shown nothing
  // of a scope they may not plan: there is no comparison to report.
  if (errors > 0 && Object.keys(plan.tenants).length === 0) {
    const count = `${errors} ${errors === 1 ? 'error' : 'errors'}`;
    return plan.diagnostics.some((d) => d.code.startsWith('AUTHZ_'))
      ? `No plan shown: ${count}.`
      : `No plan: the configuration has ${count}.`;
  }
  const blocked =
    errors > 0
      ? ` Blocked by ${errors} ${errors === 1 ? 'error' : 'errors'}: nothing can be applied.`
      : '';
  if (summary.create + summary.update + summary.delete === 0) {
    if (blocked) return `No changes.${blocked}`;
    return 'No changes. The stored state matches the configuration.';
  }
  return `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete.${blocked}`;
}

/** `acme at revision 7, globex (not stored yet)`, `organizations at revision 2`. */
export function describeScopes(plan: Plan): string {
  const scopes = Object.entries(plan.tenants).map(([scope, { baseRevision }]) => {
    const name = scopeName(scope);
    return baseRevision > 0 ? `${name} at revision ${baseRevision}` : `${name} (no revisions yet)`;
  });
  return scopes.length > 0 ? scopes.join(', ') : 'no scopes';
}

export const ACTION_SYMBOL = { create: '+', update: '~', delete: '-' } as const;
