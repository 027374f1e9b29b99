import type { Action, FieldChange, Plan, ResourceChange } from '../../plan/plan.js';
import { paint, type Paint } from '../output.js';
import { renderDiagnosticsText } from './diagnostics.js';
import {
  ACTION_SYMBOL,
  compactJson,
  describeScopes,
  isMultiLine,
  isTextField,
  splitDeletions,
  summaryLine,
  textDiffLines,
  textSummary,
} from './plan-values.js';

/**
 * The words around the changes: a plan's by default; `history show` and `drift` render changes
 * that already happened with the same layout and their own heading, verbs and closing line.
 */
export interface PlanWording {
  heading: (plan: Plan) => string;
  verb: Record<Action, string>;
  summary: (plan: Plan) => string;
}

export const PLAN_WORDING: PlanWording = {
  heading: (plan) => `ccac plan against ${describeScopes(plan)}`,
  verb: { create: 'will be created', update: 'will be updated', delete: 'will be deleted' },
  summary: summaryLine,
};

/**
 * Terraform-like plan for a terminal: header, deletions in their own section first, then creates
 * and updates, each with its field changes; then diagnostics and the closing count line.
 */
export function renderPlanText(plan: Plan, color: boolean, wording = PLAN_WORDING): string {
  const c = paint(color);
  const parts: string[] = [];
  if (plan.changes.length > 0) {
    parts.push(
      `${c.bold(wording.heading(plan))}\n\n` +
        'Resource actions are indicated with the following symbols:\n' +
        `  ${c.green('+')} create\n  ${c.yellow('~')} update\n  ${c.red('-')} delete\n`,
    );
    const { deletions, others } = splitDeletions(plan.changes);
    if (deletions.length > 0) {
      parts.push(
        `${c.red(c.bold(`Deletions (${deletions.length}):`))}\n\n` +
          deletions.map((change) => renderChange(change, c, wording)).join(''),
      );
    }
    if (others.length > 0) {
      parts.push(
        `${c.bold(`Changes (${others.length}):`)}\n\n` +
          others.map((change) => renderChange(change, c, wording)).join(''),
      );
    }
  }
  const diagnostics = renderDiagnosticsText(plan.diagnostics, color);
  if (diagnostics !== '') parts.push(diagnostics);
  parts.push(`${c.bold(wording.summary(plan))}\n`);
  return parts.join('\n');
}

function renderChange(change: ResourceChange, c: Paint, wording: PlanWording): string {
  const tint = tintOf(change.action, c);
  const head = `  ${tint(ACTION_SYMBOL[change.action])} ${c.bold(change.address)} ${wording.verb[change.action]}\n`;
  return head + change.fields.flatMap((field) => fieldLines(field, change, c)).join('');
}

/** One field: `~ path: before → after`, `+ path: after`, `- path: before`; texts as line diffs. */
function fieldLines(field: FieldChange, change: ResourceChange, c: Paint): string[] {
  const indent = '      ';
  const symbol =
    field.before === undefined
      ? c.green('+')
      : field.after === undefined
        ? c.red('-')
        : c.yellow('~');
  if (change.action !== 'update') {
    const value = change.action === 'create' ? field.after : field.before;
    const shown = isMultiLine(value) ? c.dim(textSummary(value)) : compactJson(value);
    return [`${indent}${symbol} ${field.path}: ${shown}\n`];
  }
  if (isTextField(field)) {
    const hunks = textDiffLines(field);
    return [
      `${indent}${symbol} ${field.path}:\n`,
      ...hunks.map((line) => `${indent}    ${tintDiffLine(line, c)}\n`),
    ];
  }
  if (field.before === undefined)
    return [`${indent}${symbol} ${field.path}: ${compactJson(field.after)}\n`];
  if (field.after === undefined)
    return [`${indent}${symbol} ${field.path}: ${compactJson(field.before)}\n`];
  return [
    `${indent}${symbol} ${field.path}: ${compactJson(field.before)} → ${compactJson(field.after)}\n`,
  ];
}

function tintDiffLine(line: string, c: Paint): string {
  if (line.startsWith('@@')) return c.cyan(line);
  if (line.startsWith('+')) return c.green(line);
  if (line.startsWith('-')) return c.red(line);
  return line;
}

function tintOf(action: ResourceChange['action'], c: Paint): (text: string) => string {
  return action === 'create' ? c.green : action === 'update' ? c.yellow : c.red;
}
