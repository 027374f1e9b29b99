import type { Command } from 'commander';
import { error, hasErrors } from '../../diagnostics/diagnostic.js';
import { Model } from '../../model/model.js';
import type { Plan } from '../../model/plan.js';
import { diffModels } from '../../sources/diff-models.js';
import { loadOperand } from '../../sources/load-operand.js';
import { describeOperand, needsStore, parseOperand, type Operand } from '../../sources/operand.js';
import type { SqlStateStore } from '../../store/sql-state-store.js';
import { exitCodeFor, type ExitCode } from '../exit-codes.js';
import { addStoreOption, formatOption, type Format } from '../options.js';
import type { Output } from '../output.js';
import { renderPlan } from '../render/render-plan.js';
import { withExistingStore } from '../with-store.js';

interface DiffOptions {
  db: string;
  format: Format;
  detailedExitcode?: boolean;
}

export function registerDiff(
  program: Command,
  output: Output,
  done: (code: ExitCode) => void,
): void {
  const command = program
    .command('diff')
    .description('semantic diff of two configurations, shown as the plan that turns FROM into TO')
    .argument('<from>', 'a path (file or directory), rev:N, live, or git:REF[:PATH]')
    .argument('<to>', 'the same forms as FROM')
    .addOption(formatOption(['text', 'json', 'markdown']))
    .option('--detailed-exitcode', 'exit 2 when they differ')
    .addHelpText(
      'after',
      `
Operands:
  PATH             files or directories, loaded like \`ccac plan PATH\` (./live for a folder named live)
  rev:N            the whole store as of global revision N (rev:0: before the first apply)
  live             the whole store now
  git:REF[:PATH]   PATH (default: the working directory) in commit REF of the repository here,
                   read from git without a checkout

Examples:
  ccac diff git:main . --format markdown
  ccac diff rev:12 live
  ccac diff live examples --detailed-exitcode`,
    );
  addStoreOption(command);
  command.action(async (fromText: string, toText: string, options: DiffOptions) => {
    const parsed = [parseOperand(fromText), parseOperand(toText)];
    const problems = parsed.flatMap((p) => ('problem' in p ? [error('USAGE', p.problem)] : []));
    if (problems.length > 0)
      return done(show(diffModels(new Model(), new Model(), problems), options, output, '', ''));
    const [from, to] = parsed.map((p) => (p as { operand: Operand }).operand) as [Operand, Operand];
    const run = async (store: SqlStateStore | undefined): Promise<ExitCode> => {
      const context = { cwd: process.cwd(), store };
      const before = await loadOperand(from, context);
      const after = await loadOperand(to, context);
      const plan = diffModels(before.model, after.model, [
        ...before.diagnostics,
        ...after.diagnostics,
      ]);
      return show(plan, options, output, describeOperand(from), describeOperand(to));
    };
    if (needsStore(from) || needsStore(to)) done(await withExistingStore(options.db, output, run));
    else done(await run(undefined));
  });
}

function show(
  plan: Plan,
  options: DiffOptions,
  output: Output,
  from: string,
  to: string,
): ExitCode {
  const rendered = renderPlan(plan, options.format, output.color);
  output.out(options.format === 'text' ? retitle(rendered, from, to) : rendered);
  return exitCodeFor({
    errors: hasErrors(plan.diagnostics),
    changes: plan.changes.length > 0,
    detailed: options.detailedExitcode,
  });
}

/** The text renderer heads a plan with the stored revisions it was made against; a diff has none. */
function retitle(text: string, from: string, to: string): string {
  return text
    .replace(/^[^\n]*ccac plan[^\n]* against [^\n]*\n/, `ccac diff ${from} → ${to}\n`)
    .replace(
      'No changes. The stored state matches the configuration.',
      `No differences: ${from} and ${to} hold the same configuration.`,
    );
}
