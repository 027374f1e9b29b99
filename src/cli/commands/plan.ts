import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { markDrift } from '../../audit/mark-drift.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { currentGitCommit } from '../../fs/git.js';
import { planRoutingMermaid } from '../../graph/plan-graph.js';
import { configDigest } from '../../pipeline/digests.js';
import { sealPlan } from '../../pipeline/saved-plan.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { loadDesired } from '../load-desired.js';
import {
  addActorOption,
  addStoreOption,
  addTenantOption,
  formatOption,
  type Format,
} from '../options.js';
import type { Output } from '../output.js';
import { planAgainstStore } from '../plan-session.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { writePlan } from '../render/render-plan.js';
import { withStore } from '../with-store.js';

interface PlanOptions {
  db: string;
  actor?: string;
  tenant: string[];
  format: Format;
  out?: string;
  detailedExitcode?: boolean;
}

export function registerPlan(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('plan')
    .description(
      'compare the files with the stored state: what would be created, changed and deleted',
    )
    .argument('<paths...>', 'YAML files or directories')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--out <file>', 'save the plan for a later `ccac apply FILE`')
    .option('--detailed-exitcode', 'exit 2 when there are changes');
  addStoreOption(command);
  addActorOption(command);
  addTenantOption(command);
  command.action(async (paths: string[], options: PlanOptions) => {
    const checked = await loadDesired(paths);
    const code = await withStore(options.db, output, { actor: options.actor }, async (store) => {
      const planned = await planAgainstStore(store, checked, {
        tenants: options.tenant,
        actor: options.actor,
        requireActor: false,
      });
      const { scopes, stored } = planned;
      // Resources changed outside ccac: the plan overwrites them, so the reviewer is told.
      const plan = await markDrift(planned.plan, store, stored);
      if (options.format === 'markdown')
        output.out(
          renderPlanMarkdown(plan, {
            graph: planRoutingMermaid(plan.changes, checked.desired, stored.model),
          }),
        );
      else writePlan(plan, options.format, output.color, output.out);
      const errors = hasErrors(plan.diagnostics);
      if (options.out && !errors) {
        const saved = sealPlan(plan, {
          configDigest: configDigest(checked.desired, scopes),
          gitCommit: await currentGitCommit(),
        });
        await writeFile(options.out, `${JSON.stringify(saved, null, 2)}\n`);
        output.err(`Saved the plan to ${options.out}; apply it with: ccac apply ${options.out}\n`);
      }
      return exitCodeFor({
        errors,
        changes: plan.changes.length > 0,
        detailed: options.detailedExitcode,
      });
    });
    done(code);
  });
}
