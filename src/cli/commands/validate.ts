import { hasErrors } from '../../diagnostics/diagnostic.js';
import { type ExitCode, exitCodeFor, type Output } from '../output.js';
import { validate } from '../../operations/validate.js';
import {
  diagnosticsJson,
  diagnosticsSummary,
  renderDiagnosticsText,
} from '../render/diagnostics.js';
import type { Format } from '../options.js';

/** `ccac validate PATH…`: validate → the diagnostics and a count → 1 on errors. */
export async function runValidate(
  output: Output,
  paths: string[],
  options: { format: Format },
): Promise<ExitCode> {
  const { diagnostics, resources } = await validate(paths);
  if (options.format === 'json') {
    output.out(`${JSON.stringify({ diagnostics: diagnosticsJson(diagnostics) }, null, 2)}\n`);
  } else {
    output.out(renderDiagnosticsText(diagnostics, output.color));
    output.out(
      `${resources} resources checked: ${diagnosticsSummary(diagnostics, output.color)}\n`,
    );
  }
  return exitCodeFor({ errors: hasErrors(diagnostics) });
}
