import type { ResourceValue } from '../../model/model.js';
import { tenantDestroys, type TenantDestroy } from '../../plan/destroyed-tenants.js';
import { forEachLeaf } from '../../plan/diff-values.js';
import { changeFields } from '../../plan/make-plan.js';
import type { Action, FieldChange, Plan, ResourceChange } from '../../model/plan.js';
import type { Format } from '../options.js';
import { chunkedWriter, paint, type Paint } from '../output.js';
import { renderDiagnosticsText } from './diagnostics.js';
import { writePlanJson } from './plan-json.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import {
  ACTION_SYMBOL,
  compactJson,
  describeScopes,
  isMultiLine,
  isTextField,
  itemLines,
  summaryLine,
  textDiffLines,
  textSummary,
} from './plan-values.js';

/*
 * A plan rendered in the format asked for (renderPlan, writePlan): JSON and markdown by their own
 * modules; text, the terminal's Terraform-like layout, here. `history show` and `drift` show
 * changes that already happened in the same layout with their own words (PlanWording).
 */

/** `wording` changes the text format's words only; JSON and markdown stay a plan's. */
export function renderPlan(
  plan: Plan,
  format: Format,
  color: boolean,
  wording: PlanWording = PLAN_WORDING,
): string {
  const pieces: string[] = [];
  writePlan(plan, format, color, (text) => pieces.push(text), wording);
  return pieces.join('');
}

/**
 * As `renderPlan`, handed to `write` in pieces as it is made: a large plan's text and JSON are
 * tens of MB, cheaper written piece by piece than built whole.
 */
export function writePlan(
  plan: Plan,
  format: Format,
  color: boolean,
  write: (text: string) => void,
  wording: PlanWording = PLAN_WORDING,
): void {
  if (format === 'json') writePlanJson(plan, write);
  else if (format === 'markdown') write(renderPlanMarkdown(plan));
  else writePlanText(plan, color, wording, write);
}

/**
 * The words around the changes: a plan's by default; `history show` and `drift` render changes
 * that already happened with the same layout and their own heading, verbs and closing line.
 */
export interface PlanWording {
  heading: (plan: Plan) => string;
  /** The call-out under the heading for a tenant deleted whole. */
  destroys: (destroy: TenantDestroy) => string;
  verb: Record<Action, string>;
  summary: (plan: Plan) => string;
}

export const PLAN_WORDING: PlanWording = {
  heading: (plan) => `ccac plan against ${describeScopes(plan)}`,
  destroys: ({ tenant, resources }) =>
    `This plan destroys tenant ${tenant}: it and all ${resources} of its resources will be deleted.`,
  verb: { create: 'will be created', update: 'will be updated', delete: 'will be deleted' },
  summary: summaryLine,
};

/**
 * Terraform-like plan for a terminal: header, deletions in their own section first, then creates
 * and updates, each with its field changes; then diagnostics and the closing count line.
 */
export function renderPlanText(plan: Plan, color: boolean, wording = PLAN_WORDING): string {
  return [...planTextPieces(plan, color, wording)].join('');
}

/**
 * As `renderPlanText`, handed to `write` in pieces of some tens of kB: the plan of 100,000 creates
 * is some 30 MB of text, which as one string (and one buffer to write it) costs seconds of
 * building, copying and garbage collection.
 */
export function writePlanText(
  plan: Plan,
  color: boolean,
  wording: PlanWording,
  write: (text: string) => void,
): void {
  const out = chunkedWriter(write);
  for (const piece of planTextPieces(plan, color, wording)) out.add(piece);
  out.end();
}

/**
 * The plan's text a line or a heading at a time: written out as it is made, with other work (an
 * apply's writes) free to run between the pieces.
 */
export function* planTextPieces(
  plan: Plan,
  color: boolean,
  wording = PLAN_WORDING,
): Generator<string> {
  const c = paint(color);
  // Sections are separated by one empty line: every section after the first starts with `\n`.
  let separator = '';
  if (plan.changes.length > 0) {
    // A tenant deleted whole is said first: it is the one thing nobody may miss.
    const destroys = tenantDestroys(plan.changes)
      .map((destroy) => `${c.red(c.bold(wording.destroys(destroy)))}\n`)
      .join('');
    yield (
      `${c.bold(wording.heading(plan))}\n\n` +
      (destroys ? `${destroys}\n` : '') +
      'Resource actions are indicated with the following symbols:\n' +
      `  ${c.green('+')} create\n  ${c.yellow('~')} update\n  ${c.red('-')} delete\n`
    );
    separator = '\n';
    const style = changeStyle(c, wording);
    const deletions = countDeletions(plan.changes);
    if (deletions > 0) {
      yield `${separator}${c.red(c.bold(`Deletions (${deletions}):`))}\n\n`;
      for (const change of plan.changes)
        if (change.action === 'delete') yield* changeLines(change, style);
    }
    const others = plan.changes.length - deletions;
    if (others > 0) {
      yield `${separator}${c.bold(`Changes (${others}):`)}\n\n`;
      for (const change of plan.changes)
        if (change.action !== 'delete') yield* changeLines(change, style);
    }
  }
  const diagnostics = renderDiagnosticsText(plan.diagnostics, color);
  if (diagnostics !== '') {
    yield `${separator}${diagnostics}`;
    separator = '\n';
  }
  yield `${separator}${c.bold(wording.summary(plan))}\n`;
}

/** Deletions come first, in their own section (they are what reviewers must not miss). */
function countDeletions(changes: readonly ResourceChange[]): number {
  let count = 0;
  for (const change of changes) if (change.action === 'delete') count++;
  return count;
}

/** Painted symbols and words, made once per plan rather than once per line. */
interface ChangeStyle {
  c: Paint;
  head: Record<Action, string>;
  verb: Record<Action, string>;
  added: string;
  removed: string;
  changed: string;
}

function changeStyle(c: Paint, wording: PlanWording): ChangeStyle {
  const head = (action: Action) => tintOf(action, c)(ACTION_SYMBOL[action]);
  return {
    c,
    head: { create: head('create'), update: head('update'), delete: head('delete') },
    verb: wording.verb,
    added: c.green('+'),
    removed: c.red('-'),
    changed: c.yellow('~'),
  };
}

const INDENT = '      ';

/** A change's lines: its heading, then a field at a time (a create or delete: all at once). */
function* changeLines(change: ResourceChange, style: ChangeStyle): Generator<string> {
  const { action } = change;
  yield `  ${style.head[action]} ${style.c.bold(change.address)} ${style.verb[action]}\n`;
  const value = action === 'create' ? change.after : change.before;
  if (action !== 'update' && !change.fields && value) yield leafLines(value, action, style);
  else for (const field of changeFields(change)) yield fieldText(field, action, style);
}

/**
 * The fields of a created or deleted value, as fieldText shows them, straight from its leaves:
 * a plan of 100,000 creates makes no FieldChange per leaf to show them.
 */
function leafLines(value: ResourceValue, action: 'create' | 'delete', style: ChangeStyle): string {
  const symbol = action === 'create' ? style.added : style.removed;
  let text = '';
  forEachLeaf(value, (path, leaf) => (text += oneSideLine(path, leaf, symbol, style.c)));
  return text;
}

/** `+ path: value` (or `-`): a multi-line text is named by its size, anything else compact JSON. */
function oneSideLine(path: string, value: unknown, symbol: string, c: Paint): string {
  const shown = isMultiLine(value) ? c.dim(textSummary(value)) : compactJson(value);
  return `${INDENT}${symbol} ${path}: ${shown}\n`;
}

/**
 * One field: `~ path: before → after`, `+ path: after`, `- path: before`; texts as line diffs,
 * changed lists of scalars as the items removed (`-`) and added (`+`).
 */
function fieldText(field: FieldChange, action: Action, style: ChangeStyle): string {
  const { c } = style;
  const symbol =
    field.before === undefined
      ? style.added
      : field.after === undefined
        ? style.removed
        : style.changed;
  if (action !== 'update')
    return oneSideLine(field.path, action === 'create' ? field.after : field.before, symbol, c);
  const lines = isTextField(field) ? textDiffLines(field) : itemLines(field);
  if (lines) {
    let text = `${INDENT}${symbol} ${field.path}:\n`;
    for (const line of lines) text += `${INDENT}    ${tintDiffLine(line, c)}\n`;
    return text;
  }
  if (field.before === undefined)
    return `${INDENT}${symbol} ${field.path}: ${compactJson(field.after)}\n`;
  if (field.after === undefined)
    return `${INDENT}${symbol} ${field.path}: ${compactJson(field.before)}\n`;
  return `${INDENT}${symbol} ${field.path}: ${compactJson(field.before)} → ${compactJson(field.after)}\n`;
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
