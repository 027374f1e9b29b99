import type { Plan } from '../../model/plan.js';
import type { Format } from '../options.js';
import { writePlanJson } from './plan-json.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { PLAN_WORDING, writePlanText, type PlanWording } from './plan-text.js';

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
