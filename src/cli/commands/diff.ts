import { hasErrors } from '../../diagnostics/diagnostic.js';
import { diff, diffNeedsStore, parseDiffOperands, type DiffResult } from '../../operations/diff.js';
import type { SqlStateStore } from '../../store/sql-state-store.js';
import { type ExitCode, exitCodeFor, type Output } from '../output.js';
import type { Format } from '../options.js';
import { renderPlan } from '../render/render-plan.js';
import { withExistingStore } from '../with-store.js';

export interface DiffOptions {
  db: string;
  format: Format;
  detailedExitcode?: boolean;
}

/** `ccac diff FROM TO`: operands parsed → diff (the store opened only for rev:N or live) → shown. */
export async function runDiff(
  output: Output,
  fromText: string,
  toText: string,
  options: DiffOptions,
): Promise<ExitCode> {
  const parsed = parseDiffOperands(fromText, toText);
  if ('refused' in parsed) return show(parsed.refused, options, output);
  const { operands } = parsed;
  const run = async (store: SqlStateStore | undefined): Promise<ExitCode> =>
    show(await diff(operands, { cwd: process.cwd(), store }), options, output);
  return diffNeedsStore(operands) ? withExistingStore(options.db, output, run) : run(undefined);
}

function show({ plan, from, to }: DiffResult, options: DiffOptions, output: Output): ExitCode {
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
