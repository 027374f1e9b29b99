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
  let text = '';
  for (const piece of planTextPieces(plan, color, wording)) text += piece;
  return text;
}

/**
 * renderPlanText a piece at a time (a change, a heading): a plan of 100,000 changes can be
 * written out as it is rendered, and other work can run between the pieces.
 */
export function* planTextPieces(
  plan: Plan,
  color: boolean,
  wording = PLAN_WORDING,
): Generator<string> {
  const c = paint(color);
  // The parts (heading, sections, diagnostics, summary) are separated by a blank line.
  let separator = '';
  if (plan.changes.length > 0) {
    yield (
      `${c.bold(wording.heading(plan))}\n\n` +
      'Resource actions are indicated with the following symbols:\n' +
      `  ${c.green('+')} create\n  ${c.yellow('~')} update\n  ${c.red('-')} delete\n`
    );
    separator = '\n';
    const { deletions, others } = splitDeletions(plan.changes);
    if (deletions.length > 0) {
      yield `\n${c.red(c.bold(`Deletions (${deletions.length}):`))}\n\n`;
      for (const change of deletions) yield renderChange(change, c, wording);
    }
    if (others.length > 0) {
      yield `\n${c.bold(`Changes (${others.length}):`)}\n\n`;
      for (const change of others) yield renderChange(change, c, wording);
    }
  }
  const diagnostics = renderDiagnosticsText(plan.diagnostics, color);
  if (diagnostics !== '') {
    yield separator + diagnostics;
    separator = '\n';
  }
  yield `${separator}${c.bold(wording.summary(plan))}\n`;
}

function renderChange(change: ResourceChange, c: Paint, wording: PlanWording): string {
  const tint = tintOf(change.action, c);
  let text = `  ${tint(ACTION_SYMBOL[change.action])} ${c.bold(change.address)} ${wording.verb[change.action]}\n`;
  for (const field of change.fields) text += fieldLines(field, change, c);
  return text;
}

/** One field: `~ path: before → after`, `+ path: after`, `- path: before`; texts as line diffs. */
function fieldLines(field: FieldChange, change: ResourceChange, c: Paint): string {
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
    return `${indent}${symbol} ${field.path}: ${shown}\n`;
  }
  if (isTextField(field)) {
    const hunks = textDiffLines(field);
    let text = `${indent}${symbol} ${field.path}:\n`;
    for (const line of hunks) text += `${indent}    ${tintDiffLine(line, c)}\n`;
    return text;
  }
  if (field.before === undefined)
    return `${indent}${symbol} ${field.path}: ${compactJson(field.after)}\n`;
  if (field.after === undefined)
    return `${indent}${symbol} ${field.path}: ${compactJson(field.before)}\n`;
  return `${indent}${symbol} ${field.path}: ${compactJson(field.before)} → ${compactJson(field.after)}\n`;
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
