import type { Plan } from '../../plan/plan.js';
import type { Format } from '../options.js';
import { renderPlanJson } from './plan-json.js';
import { renderPlanMarkdown } from './plan-markdown.js';
import { PLAN_WORDING, renderPlanText, type PlanWording } from './plan-text.js';

/** `wording` changes the text format's words only; JSON and markdown stay a plan's. */
export function renderPlan(
  plan: Plan,
  format: Format,
  color: boolean,
  wording: PlanWording = PLAN_WORDING,
): string {
  if (format === 'json') return renderPlanJson(plan);
  if (format === 'markdown') return renderPlanMarkdown(plan);
  return renderPlanText(plan, color, wording);
}
