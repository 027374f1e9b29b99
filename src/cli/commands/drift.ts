import { drift } from '../../operations/drift.js';
import { describeScopes } from '../render/plan-values.js';
import { EXIT, type ExitCode, exitCodeFor, type Output } from '../output.js';
import type { Format } from '../options.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderPlan, type PlanWording } from '../render/render-plan.js';
import { withExistingStore } from '../with-store.js';
import { liveDriftShown } from './drift-live.js';

export interface DriftOptions {
  db: string;
  tenant: string[];
  format: Format;
  detailedExitcode?: boolean;
  live?: boolean;
}

/** Drift reads as a plan from "recorded" (before) to "stored now" (after). */
const DRIFT_WORDING: PlanWording = {
  heading: (plan) =>
    `ccac drift: stored state against the recorded revisions of ${describeScopes(plan)}`,
  destroys: ({ tenant, resources }) =>
    `Tenant ${tenant} was deleted outside ccac, with all ${resources} of its resources.`,
  verb: {
    create: 'was created outside ccac',
    update: 'was changed outside ccac',
    delete: 'was deleted outside ccac',
  },
  summary: ({ summary }) =>
    summary.create + summary.update + summary.delete === 0
      ? 'No drift. The stored state is what the recorded revisions wrote.'
      : `Drift: ${summary.create} created, ${summary.update} changed, ${summary.delete} deleted outside ccac.`,
};

/** `ccac drift`: drift → rendered (as a plan, or live drift) → 2 for drift with --detailed-exitcode. */
export function runDrift(output: Output, options: DriftOptions): Promise<ExitCode> {
  return withExistingStore(options.db, output, async (store) => {
    const found = await drift(store, {
      tenants: options.tenant,
      live: options.live === true,
      env: process.env,
    });
    if ('refused' in found) {
      output.err(renderDiagnosticsText(found.refused, output.color));
      return EXIT.error;
    }
    if ('live' in found) return liveDriftShown(found.live, options, output);
    output.out(renderPlan(found.plan, options.format, output.color, DRIFT_WORDING));
    return exitCodeFor({
      errors: false,
      changes: found.plan.changes.length > 0,
      detailed: options.detailedExitcode,
    });
  });
}
