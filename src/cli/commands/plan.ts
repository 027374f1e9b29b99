import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { markDrift } from '../../audit/mark-drift.js';
import { seesEverything, visiblePlan } from '../../authz/index.js';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { planRoutingMermaid } from '../../graph/plan-graph.js';
import { configDigest } from '../../pipeline/digests.js';
import { sealPlan } from '../../pipeline/saved-plan.js';
import { commitOfConfiguration } from '../configuration-commit.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import { openDesired } from '../load-desired.js';
import {
  addActorOption,
  addStoreOption,
  addTenantOption,
  formatOption,
  type Format,
} from '../options.js';
import type { Output } from '../output.js';
import { planDesired, prefetchSummaries, unchangedPlan } from '../plan-session.js';
import { planKey } from '../plan-key.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { writePlan } from '../render/render-plan.js';
import { withPlanReader } from '../with-store.js';
import { debug } from '../debug.js';

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
    // Checked before any work: a plan to save that could not be signed is not made at all.
    const signing = options.out ? planKey() : { key: undefined };
    if ('diagnostic' in signing) {
      output.err(renderDiagnosticsText([signing.diagnostic], output.color));
      done(EXIT.error);
      return;
    }
    const signingKey = signing.key;
    const code = await withPlanReader(
      options.db,
      output,
      { actor: options.actor },
      async (store) => {
        const summaries = prefetchSummaries(store, options.tenant);
        const config = await openDesired(paths);
        debug('configuration checked');
        // Saving the plan and drawing it need the whole model; a plain review does not.
        const review = !options.out && options.format !== 'markdown';
        // Nothing to review beyond "no changes": answered from summaries when no actor is checked.
        const quick =
          review && options.actor === undefined
            ? await unchangedPlan(config.summary, summaries, options.tenant)
            : undefined;
        if (quick) {
          writePlan(quick, options.format, output.color, output.out);
          return exitCodeFor({ errors: hasErrors(quick.diagnostics), changes: false });
        }
        const planned = await planDesired(store, config, {
          tenants: options.tenant,
          actor: options.actor,
          requireActor: false,
          summaries,
          whole: !review,
        });
        const { scopes, stored, checked, views } = planned;
        // Resources changed outside ccac: the plan overwrites them, so the reviewer is told.
        const plan = await markDrift(planned.plan, store, stored);
        // The actor sees no more than their roles show (authz/visibility.ts).
        const shown = visiblePlan(plan, views);
        if (options.format === 'markdown')
          output.out(
            renderPlanMarkdown(shown, {
              graph: seesEverything(views)
                ? planRoutingMermaid(shown.changes, checked.desired, stored.model)
                : undefined,
            }),
          );
        else writePlan(shown, options.format, output.color, output.out);
        const errors = hasErrors(plan.diagnostics);
        if (options.out && !errors) {
          const saved = sealPlan(
            plan,
            {
              configDigest: configDigest(checked.desired, scopes),
              gitCommit: await commitOfConfiguration(paths, checked.declared),
            },
            signingKey,
          );
          await writeFile(options.out, `${JSON.stringify(saved, null, 2)}\n`);
          output.err(
            `Saved the plan to ${options.out}; apply it with: ccac apply ${options.out}\n`,
          );
        }
        return exitCodeFor({
          errors,
          changes: plan.changes.length > 0,
          detailed: options.detailedExitcode,
        });
      },
    );
    done(code);
  });
}
