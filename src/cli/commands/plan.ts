import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { plan } from '../../operations/plan.js';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes.js';
import {
  addActorOption,
  addStoreOption,
  addTenantOption,
  formatOption,
  type Format,
} from '../options.js';
import type { Output } from '../output.js';
import { planKey } from '../plan-key.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { writePlan } from '../render/render-plan.js';
import { withPlanReader } from '../with-store.js';

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
    const code = await withPlanReader(
      options.db,
      output,
      { actor: options.actor },
      async (store) => {
        const result = await plan(store, {
          paths,
          tenants: options.tenant,
          actor: options.actor,
          drawGraph: options.format === 'markdown',
          save: options.out ? { signingKey: signing.key } : undefined,
        });
        if (options.format === 'markdown')
          output.out(renderPlanMarkdown(result.shown, { graph: result.graph }));
        else writePlan(result.shown, options.format, output.color, output.out);
        if (options.out && result.saved) {
          await writeFile(options.out, `${JSON.stringify(result.saved, null, 2)}\n`);
          output.err(
            `Saved the plan to ${options.out}; apply it with: ccac apply ${options.out}\n`,
          );
        }
        return exitCodeFor({
          errors: hasErrors(result.plan.diagnostics),
          changes: result.plan.changes.length > 0,
          detailed: options.detailedExitcode,
        });
      },
    );
    done(code);
  });
}
