import { writeFile } from 'node:fs/promises';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { plan, readWorkspace } from '../../operations/plan.js';
import { savedPlanBytes } from '../../saved-plan/saved-plan.js';
import { EXIT, type ExitCode, exitCodeFor, type Output } from '../output.js';
import type { Format } from '../options.js';
import { planKey } from '../plan-key.js';
import { renderDiagnosticsText } from '../render/diagnostics.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { writePlan } from '../render/render-plan.js';
import { withPlanReader } from '../with-store.js';

export interface PlanOptions {
  db: string;
  actor?: string;
  tenant: string[];
  format: Format;
  out?: string;
  detailedExitcode?: boolean;
}

/** `ccac plan PATH…`: the signing key checked → plan → rendered (and saved) → exit code. */
export async function runPlan(
  output: Output,
  paths: string[],
  options: PlanOptions,
): Promise<ExitCode> {
  // Checked before any work: a plan to save that could not be signed is not made at all.
  const signing = options.out ? planKey() : { key: undefined };
  if ('diagnostic' in signing) {
    output.err(renderDiagnosticsText([signing.diagnostic], output.color));
    return EXIT.error;
  }
  // Read while the store opens: an embedded one takes seconds of this thread to start.
  const configuration = readWorkspace(paths);
  return withPlanReader(options.db, output, { actor: options.actor }, async (store) => {
    const request = {
      paths,
      tenants: options.tenant,
      actor: options.actor,
      drawGraph: options.format === 'markdown',
      save: options.out ? { signingKey: signing.key } : undefined,
    };
    const result = await plan(store, request, configuration);
    if ('refused' in result) {
      output.err(renderDiagnosticsText(result.refused, output.color));
      return EXIT.error;
    }
    if (options.format === 'markdown')
      output.out(renderPlanMarkdown(result.shown, { graph: result.graph }));
    else writePlan(result.shown, options.format, output.color, output.out);
    if (options.out && result.saved) {
      const bytes = savedPlanBytes(result.saved, signing.key);
      await writeFile(options.out, bytes);
      output.err(`Saved the plan to ${options.out}; apply it with: ccac apply ${options.out}\n`);
    }
    return exitCodeFor({
      errors: hasErrors(result.plan.diagnostics),
      changes: result.plan.changes.length > 0,
      detailed: options.detailedExitcode,
    });
  });
}
