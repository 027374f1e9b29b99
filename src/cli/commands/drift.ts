import type { Command } from 'commander';
import { readDrift, type ScopeDrift } from '../../audit/drift.js';
import { describeScopes } from '../render/plan-values.js';
import { scopeNamed } from '../../model/address.js';
import { assemblePlan } from '../../plan/make-plan.js';
import type { Plan } from '../../model/plan.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { addStoreOption, formatOption, type Format } from '../options.js';
import type { Output } from '../output.js';
import { refuseUnstoredTenants } from '../unknown-tenants.js';
import type { PlanWording } from '../render/plan-text.js';
import { renderPlan } from '../render/render-plan.js';
import { withExistingStore } from '../with-store.js';
import { liveDrift } from './drift-live.js';

interface DriftOptions {
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

export function registerDrift(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('drift')
    .description('stored resources changed outside ccac since the last revision')
    .addOption(formatOption(['text', 'json']))
    .option('--detailed-exitcode', 'exit 2 when there is drift')
    .option('--live', 'compare live Webex with the stored state instead (reads only)')
    .option(
      '--tenant <name>',
      'only this tenant, or `organizations` (repeatable)',
      (v: string, p: string[]) => [...p, scopeNamed(v)],
      [],
    );
  addStoreOption(command);
  command.action(async (options: DriftOptions) => {
    const code = await withExistingStore(options.db, output, async (store) => {
      const refused = await refuseUnstoredTenants(output, options.tenant, store);
      if (refused !== undefined) return refused;
      if (options.live) return liveDrift(store, options, output);
      const scopes = options.tenant.length > 0 ? options.tenant : await store.listScopes();
      const plan = driftPlan(await readDrift(store, scopes));
      output.out(renderPlan(plan, options.format, output.color, DRIFT_WORDING));
      return exitCodeFor({
        errors: false,
        changes: plan.changes.length > 0,
        detailed: options.detailedExitcode,
      });
    });
    done(code);
  });
}

/** Every scope's drift in one plan, each scope at the revision its recorded changes were replayed to. */
export function driftPlan(drift: readonly ScopeDrift[]): Plan {
  return assemblePlan({
    scopes: Object.fromEntries(drift.map((d) => [d.scope, { baseRevision: d.revision }])),
    changes: drift.flatMap((d) => d.changes),
    diagnostics: [],
  });
}
